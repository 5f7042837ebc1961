import { formatDateTime } from '../format';

const hm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * When a briefing was last changed, as an office tool says it: "Just now", "12 min ago",
 * "Today 14:05", "Yesterday 09:30", else the date and time. Local time throughout.
 */
export function modifiedLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const mins = Math.floor((now.getTime() - d.getTime()) / 60_000);
  if (mins >= 0 && mins < 1) return 'Just now';
  if (mins >= 0 && mins < 60) return `${mins} min ago`;
  const day = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((day(now) - day(d)) / 86_400_000);
  if (days === 0) return `Today ${hm(d)}`;
  if (days === 1) return `Yesterday ${hm(d)}`;
  return `${formatDateTime(iso)} ${hm(d)}`;
}

/** Whether every word typed appears in the text (any order, case- and accent-insensitive). */
export function matchesWords(query: string, ...texts: string[]): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const hay = fold(texts.join(' '));
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
