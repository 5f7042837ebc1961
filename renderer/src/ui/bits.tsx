import type { Highlight } from '../../../core/highlight';
import type { Credibility, Reliability } from '../../../core/model';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from '../format';

/** Search highlights as text pieces: matches in <mark>, never parsed as HTML. */
export function Highlighted({ text, highlights }: { text: string; highlights?: Highlight[] | undefined }) {
  if (!highlights || highlights.length === 0) return <>{text}</>;
  return <>{highlights.map((h, i) => (h.match ? <mark key={i}>{h.text}</mark> : <span key={i}>{h.text}</span>))}</>;
}

/** Admiralty grade: source reliability letter plus information credibility digit ("B2"). */
export function GradeBadge({ reliability, credibility }: { reliability?: Reliability | undefined; credibility?: Credibility | undefined }) {
  const label = [reliability ? RELIABILITY_LABELS[reliability] : 'Source not graded', credibility ? `credibility ${CREDIBILITY_LABELS[credibility]}` : '']
    .filter(Boolean)
    .join('; ');
  return (
    <span className={`grade grade-${(reliability ?? 'none').toLowerCase()}`} title={label} role="img" aria-label={`Grade: ${label}`}>
      {reliability ?? '–'}
      {credibility ?? ''}
    </span>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="field-error" id={id} role="alert">
      {message}
    </div>
  );
}
