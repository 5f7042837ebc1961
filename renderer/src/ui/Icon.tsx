/** Small line icons drawn inline (no icon font, nothing fetched). Decorative: hidden from screen readers. */
const PATHS: Record<string, string> = {
  library: 'M3 3h3v10H3zM7 3h3v10H7zM11 3.5l2.6-.7 2.3 9.7-2.6.6z',
  capture: 'M3 2h7l3 3v9H3zM10 2v3h3M5.5 8h5M5.5 10.5h5',
  clock: 'M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM8 5v3.2l2.2 1.3',
  alert: 'M8 2.2 14 13H2zM8 6.5v3M8 11.2v.3',
  doc: 'M4 2h5.5L12 4.5V14H4zM9.5 2v2.5H12M6 7.5h4M6 9.5h4M6 11.5h2.5',
  plus: 'M8 3v10M3 8h10',
  search: 'M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM10.3 10.3 14 14',
  x: 'M4 4l8 8M12 4l-8 8',
  tag: 'M2.5 2.5h5.3l6 6-5.3 5.3-6-6zM5.3 5.3h.1',
  source: 'M3 2.5h8.5v11H3zM5 5h4.5M5 7.5h4.5M5 10h3M11.5 4.5H13v9.5H5',
  'chevron-down': 'M4 6l4 4 4-4',
  'chevron-right': 'M6 4l4 4-4 4',
  'chevron-up': 'M4 10l4-4 4 4',
  check: 'M3 8.5l3 3 7-7',
  grip: 'M6 4h.1M10 4h.1M6 8h.1M10 8h.1M6 12h.1M10 12h.1',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 9h5.8l.6-9',
  undo: 'M5.5 3.5 2.5 6.5l3 3M2.5 6.5H10a3.5 3.5 0 0 1 0 7H7',
  redo: 'M10.5 3.5l3 3-3 3M13.5 6.5H6a3.5 3.5 0 0 0 0 7h3',
  export: 'M8 2.5v8M5 5.5l3-3 3 3M3 10.5v3h10v-3',
  filter: 'M2.5 3h11L9.5 8v4.5l-3 1.5V8z',
  star: 'M8 2.3l1.7 3.6 3.9.4-2.9 2.6.8 3.9L8 10.8l-3.5 2 .8-3.9-2.9-2.6 3.9-.4z',
  warning: 'M8 2.2 14 13H2zM8 6.5v3M8 11.2v.3',
  link: 'M6.5 9.5l3-3M7 4.8l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.2l-1 1a2.5 2.5 0 0 1-3.5-3.5l1-1',
  folder: 'M2 4h4.5l1.5 1.5H14V13H2z',
  open: 'M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11 9.5v4H2.5V5h4',
  bold: 'M4.5 3h4a2.5 2.5 0 0 1 0 5h-4zM4.5 8h4.8a2.6 2.6 0 0 1 0 5.2H4.5z',
  italic: 'M7 3h5M4 13h5M9.5 3l-3 10',
  bullets: 'M6 4h8M6 8h8M6 12h8M2.5 4h.1M2.5 8h.1M2.5 12h.1',
  numbers: 'M6.5 4h7.5M6.5 8h7.5M6.5 12h7.5M2.5 3l1-.5V6M2.3 9.5c.3-.8 2-.8 2 .2 0 .8-2 1.5-2 2.3h2',
  note: 'M3 3h10v7l-3 3H3zM10 13v-3h3',
  text: 'M3 4h10M3 8h10M3 12h6',
  pencil: 'M10.8 2.7l2.5 2.5-7.6 7.6-3.2.7.7-3.2zM9.5 4l2.5 2.5',
  verified: 'M8 1.8 13 4v4c0 3-2.2 5.2-5 6.2C5.2 13.2 3 11 3 8V4zM5.6 8l1.7 1.7 3.2-3.4',
};

export function Icon({ name, size = 16 }: { name: string; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? PATHS.doc} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
