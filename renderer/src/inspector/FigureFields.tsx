import type { Figure } from '../../../core/model';
import { FieldRow, TextField } from '../ui/fields';

/**
 * A fact's figure: the words as the source states them ("3.2 bn"), and the number and unit
 * read from them (kept by "Keep suggestions", or typed). Emptying "Figure" removes it. A value
 * that is not a number is sent as typed, so the core's error ("must be a number") shows here.
 */
export function FigureFields({
  figure,
  error,
  onSave,
}: {
  figure: Figure | undefined;
  error: string | undefined;
  onSave(figure: Record<string, unknown> | null): Promise<unknown>;
}) {
  const save = (next: { stated?: string; value?: string; unit?: string }) => {
    const stated = (next.stated ?? figure?.stated ?? '').trim();
    if (!stated) return onSave(null);
    const valueText = (next.value ?? (figure?.value !== undefined ? String(figure.value) : '')).trim();
    const unit = (next.unit ?? figure?.unit ?? '').trim();
    const value = valueText === '' ? undefined : Number.isFinite(Number(valueText)) ? Number(valueText) : valueText;
    return onSave({ stated, ...(value !== undefined ? { value } : {}), ...(unit ? { unit } : {}) });
  };
  return (
    <FieldRow>
      <TextField
        id="inspector-figure"
        label="Figure"
        value={figure?.stated ?? ''}
        placeholder="As stated, e.g. 3.2 bn"
        hint="The statistic's figure, in the source's words"
        error={error}
        onCommit={(stated) => save({ stated })}
      />
      <TextField
        id="inspector-figure-value"
        label="Value"
        value={figure?.value !== undefined ? String(figure.value) : ''}
        placeholder="e.g. 3200000000"
        inputMode="numeric"
        disabled={!figure}
        onCommit={(value) => save({ value })}
      />
      <TextField
        id="inspector-figure-unit"
        label="Unit"
        value={figure?.unit ?? ''}
        placeholder="e.g. USD, percent"
        disabled={!figure}
        onCommit={(unit) => save({ unit })}
      />
    </FieldRow>
  );
}
