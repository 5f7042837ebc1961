import type { FactHit } from '../../../../api/contract';
import { shortCitation } from '../../format';
import { useApp } from '../../state';
import { GradeBadge, Highlighted } from '../../ui/bits';

interface Props {
  id: string;
  optionPrefix: string;
  hits: FactHit[];
  active: number;
  onHover(i: number): void;
  onChoose(i: number): void;
}

/** The matching facts of a cite popup: a listbox driven from the text field that owns the keyboard. */
export function CiteResults({ id, optionPrefix, hits, active, onHover, onChoose }: Props) {
  const app = useApp();
  return (
    <ul className="cite-results" id={id} role="listbox" aria-label="Matching facts">
      {hits.map((h, i) => {
        const src = app.sourceMap.get(h.source.id);
        return (
          <li
            key={h.fact.id}
            id={`${optionPrefix}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseMove={() => onHover(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              onChoose(i);
            }}
          >
            <span className="cite-results-text line-2">
              <Highlighted text={h.fact.text} highlights={h.highlights} />
            </span>
            <span className="cite-results-meta">
              <GradeBadge reliability={h.source.reliability} credibility={h.fact.credibility} />
              <span className="muted line-1">
                {shortCitation({ title: h.source.title, issued: h.source.issued, authors: src?.authors ?? [] }) || h.source.title}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
