import type { Briefing } from '../../../core/model';
import type { MarkingBlock } from '../../../api/contract';
import { DraftInput } from './DraftInput';

/**
 * The first-page marking block's lines — Classified By / Derived From / Declassify On, or the
 * CUI designation indicator — shown only when the document (as the live preview resolved it)
 * needs one. Empty inputs show what the export will print: the user's default or what the
 * document says (its sources, categories, controls); "required" when nothing would be printed.
 */
export function MarkingBlockFields({
  briefing,
  block,
  onSave,
}: {
  briefing: Briefing;
  block: MarkingBlock | undefined;
  onSave(key: string, value: string, before: string, leaving: boolean): unknown;
}) {
  if (!block) return null;
  const title = block.kind === 'classified' ? 'Classification authority block' : 'CUI designation indicator';
  return (
    <section className="header-fields" aria-label={title}>
      <h3 className="hf-title">{title}</h3>
      {block.lines.map((l) => {
        const own = briefing.fields[l.field] ?? '';
        const placeholder = own ? '' : l.value || (l.required ? 'Required' : '');
        return (
          <div key={l.field} className="hf-row">
            <label htmlFor={`mb-${l.field}`}>
              {l.label}
              {l.required && (
                <span className="required" aria-label="required">
                  {' '}
                  *
                </span>
              )}
            </label>
            <DraftInput
              id={`mb-${l.field}`}
              label={l.label}
              value={own}
              placeholder={placeholder}
              onSave={(v, before, leaving) => onSave(l.field, v, before, leaving)}
            />
          </div>
        );
      })}
    </section>
  );
}
