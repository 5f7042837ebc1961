import type { FactDetail, PreviewCitation } from '../../../api/contract';
import type { FactItem } from '../../../core/model';
import { formatPartialDate, shortCitation } from '../format';
import { GradeBadge } from '../ui/bits';
import { DraftInput } from './DraftInput';
import type { ItemPatchHandler } from './item-patch';

interface Props {
  item: FactItem;
  fact: FactDetail | undefined;
  citation: PreviewCitation | undefined;
  onNote(n: number): void;
  details: boolean;
  onItemPatch: ItemPatchHandler;
}

/**
 * A fact placed in the briefing: its words (the wording here, if reworded), its note number,
 * grade and source; the details hold the lead-in, the locator for this use and the wording
 * here beside the library's own text.
 */
export function FactChip({ item, fact, citation, onNote, details, onItemPatch }: Props) {
  const locator = item.locator ?? fact?.fact.locator;
  return (
    <div className="fact-chip">
      <div className="fact-chip-text">
        {item.lead && <strong className="lead">{item.lead} </strong>}
        {item.wording ?? (fact ? fact.fact.text : <span className="muted">Loading fact…</span>)}
        {citation?.type === 'note' && (
          <button
            type="button"
            className="note-ref"
            aria-label={`Note ${citation.noteNumber}: show in preview`}
            onClick={() => onNote(citation.noteNumber)}
            tabIndex={-1}
          >
            {citation.noteNumber}
          </button>
        )}
      </div>
      {fact && (
        <div className="fact-chip-meta">
          <GradeBadge reliability={fact.source.reliability} credibility={fact.fact.credibility} />
          <span className="line-1">
            {fact.source.title}
            {shortCitation(fact.source) ? ` — ${shortCitation(fact.source)}` : ''}
            {locator ? ` · ${locator.label} ${locator.value}` : ''}
            {fact.fact.eventDate
              ? ` · event ${formatPartialDate(fact.fact.eventDate)}${fact.fact.eventDateEnd ? ` – ${formatPartialDate(fact.fact.eventDateEnd)}` : ''}`
              : ''}
          </span>
          {item.wording !== undefined && (
            <span className="reworded-tag" title="Reworded for this briefing; the library keeps the fact as captured">
              Reworded
            </span>
          )}
          {!fact.fact.verifiedAt && <span className="unverified-tag">Unverified</span>}
        </div>
      )}
      {details && (
        <div className="fact-chip-details">
          <label>
            <span>Lead-in</span>
            <DraftInput
              label="Lead-in"
              value={item.lead ?? ''}
              placeholder="Bold topic before the fact"
              onSave={(v, before, leaving) => onItemPatch({ lead: before }, { lead: v }, 'Edit lead-in', leaving)}
            />
          </label>
          <label>
            <span>Locator for this use</span>
            <DraftInput
              label="Locator for this use"
              value={item.locator ? `${item.locator.label} ${item.locator.value}` : ''}
              placeholder={fact?.fact.locator ? `${fact.fact.locator.label} ${fact.fact.locator.value} (from the fact)` : 'e.g. page 14'}
              onSave={(v, _before, leaving) => {
                const m = /^\s*([a-z]+)\s+(.+?)\s*$/i.exec(v);
                const next = v.trim() === '' ? null : m ? { label: m[1].toLowerCase(), value: m[2] } : { label: 'page', value: v.trim() };
                return onItemPatch({ locator: item.locator ?? null }, { locator: next }, 'Edit locator', leaving);
              }}
            />
          </label>
          <WordingHere item={item} fact={fact} onItemPatch={onItemPatch} />
        </div>
      )}
    </div>
  );
}

/** The wording here, editable, beside the library's text (which stays as captured). */
function WordingHere({ item, fact, onItemPatch }: { item: FactItem; fact: FactDetail | undefined; onItemPatch: ItemPatchHandler }) {
  const library = fact?.fact.text ?? '';
  const save = (v: string, before: string, leaving: boolean) => {
    // Empty, or the library's own words: no rewording (null returns to the library's wording).
    const norm = (s: string) => (s.trim() === '' || s.trim() === library.trim() ? null : s);
    return onItemPatch({ wording: norm(before) }, { wording: norm(v) }, 'Reword fact', leaving);
  };
  return (
    <div className="wording-here">
      <div className="wording-col">
        <div className="wording-head">
          <span>Wording here</span>
        </div>
        <DraftInput multiline label="Wording here" value={item.wording ?? library} placeholder={library} onSave={save} />
        {item.wording !== undefined && (
          <button
            type="button"
            className="button link small wording-reset"
            onClick={() => void onItemPatch({ wording: item.wording ?? null }, { wording: null }, 'Use library wording')}
          >
            Use the library’s wording
          </button>
        )}
      </div>
      <div className="wording-col">
        <div className="wording-head">
          <span>In the library</span>
        </div>
        <p className="wording-library" aria-label="Wording in the library">
          {library}
        </p>
      </div>
    </div>
  );
}
