import type { Briefing } from '../../../core/model';
import type { Template } from '../../../api/contract';
import { DraftInput } from './DraftInput';

export function HeaderFields({
  briefing,
  template,
  onSave,
}: {
  briefing: Briefing;
  template: Template | undefined;
  onSave(key: string, value: string, before: string, leaving: boolean): unknown;
}) {
  const fields: { key: string; label: string; placeholder?: string | undefined; required?: boolean }[] = [...(template?.headerFields ?? [])];
  // Dates are saved as YYYY-MM-DD (shown so, unambiguous) and print in the template's own style.
  if (template?.showDate ?? true) fields.push({ key: 'date', label: 'DATE', placeholder: 'Today’s date when empty; e.g. January 18, 2024' });
  if (template?.decision?.decideBy)
    fields.push({ key: 'decideBy', label: template.decision.decideByLabel.toUpperCase(), placeholder: 'e.g. January 18, 2024 or 2024-01-18' });
  if (template?.closing.attachments)
    fields.push({ key: 'attachments', label: template.closing.attachments.label.toUpperCase(), placeholder: template.closing.attachments.default ?? '' });
  if (template?.closing.preparedBy)
    fields.push({ key: 'preparedBy', label: template.closing.preparedBy.label.toUpperCase(), placeholder: 'Name, office, phone' });
  if (!template) for (const k of Object.keys(briefing.fields)) fields.push({ key: k, label: k.toUpperCase() });
  return (
    <section className="header-fields" aria-label="Memo header">
      {fields.map((f) => (
        <div key={f.key} className="hf-row">
          <label htmlFor={`hf-${f.key}`}>
            {f.label}
            {f.required && (
              <span className="required" aria-label="required">
                {' '}
                *
              </span>
            )}
          </label>
          <DraftInput
            id={`hf-${f.key}`}
            label={f.label}
            value={briefing.fields[f.key] ?? ''}
            placeholder={f.key === 'subject' ? briefing.title : f.placeholder}
            onSave={(v, before, leaving) => onSave(f.key, v, before, leaving)}
          />
        </div>
      ))}
    </section>
  );
}
