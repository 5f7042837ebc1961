import { SOURCE_TYPES } from '../../../core/model';
import { SOURCE_TYPE_LABELS } from '../format';

/** The `<option>`s of a source-type select, with an "Any type" choice first for filters. */
export function SourceTypeOptions({ any = false }: { any?: boolean }) {
  return (
    <>
      {any && <option value="">Any type</option>}
      {SOURCE_TYPES.map((t) => (
        <option key={t} value={t}>
          {SOURCE_TYPE_LABELS[t] ?? t}
        </option>
      ))}
    </>
  );
}
