import { createPortal } from 'react-dom';
import type { FactHit } from '../../../../api/contract';
import { CiteResults } from './CiteResults';
import { placeNear } from './placement';

interface Props {
  /** Where the caret is, in the viewport. */
  at: { left: number; top: number; bottom: number };
  query: string;
  hits: FactHit[];
  error?: string | undefined;
  active: number;
  onHover(i: number): void;
  onChoose(i: number): void;
}

/**
 * The popup under "[@…" in prose: the keyboard stays in the text (↑/↓ choose, Enter cites,
 * Escape leaves what was typed as text), so this only shows the matches.
 */
export function CiteSearch({ at, query, hits, error, active, onHover, onChoose }: Props) {
  return createPortal(
    <div className="cite-search" role="dialog" aria-label="Cite a fact" style={placeNear(at, 420, 300)}>
      <div className="cite-search-head muted">{query ? `Facts matching “${query}”` : 'Type to search facts'}</div>
      {error && <div className="cite-search-empty">{error}</div>}
      {!error && hits.length === 0 && <div className="cite-search-empty muted">No facts match.</div>}
      {hits.length > 0 && (
        <CiteResults id="cite-search-list" optionPrefix="cite-search-opt" hits={hits} active={active} onHover={onHover} onChoose={onChoose} />
      )}
      <div className="cite-search-foot muted">↑↓ choose · Enter cite · Esc keep as text</div>
    </div>,
    document.body,
  );
}
