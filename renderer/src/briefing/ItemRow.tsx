import { useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { FactDetail, PreviewCitation } from '../../../api/contract';
import type { BriefingItem, BriefingSection } from '../../../core/model';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';
import type { CiteLookup } from './citation/lookup';
import type { ProseHandle } from './citation/prose-handle';
import { FactChip } from './FactChip';
import type { ItemPatchHandler } from './item-patch';
import { ProseEditor } from './ProseEditor';

export const ITEM_DRAG_TYPE = 'application/x-dossier-item';

interface ItemRowProps {
  item: BriefingItem;
  index: number;
  section: BriefingSection;
  fact: FactDetail | undefined;
  citation: PreviewCitation | undefined;
  /** Note numbers and facts for the citation chips in prose. */
  lookup: CiteLookup;
  dropBefore: boolean;
  /** The briefing shows portion marks: each item gets a selector to raise its mark. */
  portionMarks: boolean;
  onFocus(): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onNote(n: number): void;
  /** `label`: "Edit text", or a citation edit ("Insert citation" …), each its own undo step. */
  onProseSave(text: string, before: string, label: string): void;
  onProseActive(handle: ProseHandle): void;
  onItemPatch: ItemPatchHandler;
}

/** One item of a section: a prose passage or a placed fact, with its move/remove actions. */
export function ItemRow(p: ItemRowProps) {
  const { item } = p;
  const [details, setDetails] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const lastText = useRef(item.kind === 'prose' ? item.text : '');
  if (item.kind === 'prose' && document.activeElement && !ref.current?.contains(document.activeElement)) lastText.current = item.text;

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      // Inside the citation editor, Alt+↑/↓ reorders cites, not items.
      if ((e.target as HTMLElement).closest('.cluster-editor')) return;
      e.preventDefault();
      e.stopPropagation();
      p.onMove(e.key === 'ArrowUp' ? -1 : 1);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && e.target === e.currentTarget) {
      e.preventDefault();
      p.onRemove();
    } else if (e.key === 'ArrowDown' && e.target === e.currentTarget) {
      e.preventDefault();
      (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
    } else if (e.key === 'ArrowUp' && e.target === e.currentTarget) {
      e.preventDefault();
      (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
    } else if (e.key === 'Enter' && e.target === e.currentTarget && item.kind === 'prose') {
      e.preventDefault();
      ref.current?.querySelector<HTMLElement>('.ProseMirror')?.focus();
    }
  };

  const note = p.citation?.type === 'note' ? p.citation.noteNumber : undefined;
  const label =
    item.kind === 'fact'
      ? `Fact ${note !== undefined ? `note ${note}` : ''}: ${(item.wording ?? p.fact?.fact.text ?? '').slice(0, 80)}`
      : `Text in ${p.section.heading}`;

  return (
    <div
      ref={ref}
      className={`ed-item ed-item-${item.kind}${p.dropBefore ? ' drop-before' : ''}`}
      data-item-id={item.id}
      {...(item.kind === 'fact' ? { 'data-fact-item': item.factId } : {})}
      tabIndex={0}
      role="group"
      aria-label={label}
      aria-roledescription="briefing item"
      onKeyDown={onKeyDown}
      onFocus={p.onFocus}
    >
      <span
        className="drag-handle"
        draggable
        title="Drag to move · Alt+↑/↓"
        aria-hidden="true"
        onDragStart={(e) => {
          e.dataTransfer.setData(ITEM_DRAG_TYPE, item.id);
          e.dataTransfer.effectAllowed = 'move';
          if (ref.current) e.dataTransfer.setDragImage(ref.current, 12, 12);
        }}
      >
        <Icon name="grip" />
      </span>
      <div className="ed-item-body">
        {item.kind === 'prose' ? (
          <ProseEditor
            value={item.text}
            itemId={item.id}
            lookup={p.lookup}
            label={`Text in ${p.section.heading}`}
            placeholder="Write here… (type [@ to cite a fact)"
            onActive={p.onProseActive}
            onSave={(md, saveLabel) => {
              const before = lastText.current;
              lastText.current = md;
              p.onProseSave(md, before, saveLabel);
            }}
          />
        ) : (
          <FactChip item={item} fact={p.fact} citation={p.citation} onNote={p.onNote} details={details} onItemPatch={p.onItemPatch} />
        )}
      </div>
      <div className="ed-item-actions">
        {p.portionMarks && (
          <PortionSelect value={item.marking} onChange={(v) => void p.onItemPatch({ marking: item.marking ?? null }, { marking: v }, 'Change portion mark')} />
        )}
        {item.kind === 'fact' && (
          <button
            type="button"
            className="icon-button"
            aria-label="Lead-in, locator and wording"
            aria-expanded={details}
            title="Lead-in, locator and wording here"
            onClick={() => setDetails(!details)}
          >
            <Icon name="note" />
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Move up (Alt+Up)" title="Move up (Alt+↑)" onClick={() => p.onMove(-1)}>
          <Icon name="chevron-up" />
        </button>
        <button type="button" className="icon-button" aria-label="Move down (Alt+Down)" title="Move down (Alt+↓)" onClick={() => p.onMove(1)}>
          <Icon name="chevron-down" />
        </button>
        <button type="button" className="icon-button" aria-label="Remove item (Delete)" title="Remove (Delete)" onClick={p.onRemove}>
          <Icon name="trash" />
        </button>
      </div>
    </div>
  );
}

/** Raises this item's portion mark above what its facts require (never below: pre-flight says so). */
function PortionSelect({ value, onChange }: { value: string | undefined; onChange(v: string | null): void }) {
  const app = useApp();
  const levels = app.info?.markingScheme.levels ?? [];
  return (
    <select
      className="portion-select"
      aria-label="Portion mark"
      title="Portion mark: from the facts, or raised"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">Auto</option>
      {levels.map((l) => (
        <option key={l.id} value={l.id}>
          ({l.portion})
        </option>
      ))}
      {value && !levels.some((l) => l.id === value) && <option value={value}>({value})</option>}
    </select>
  );
}
