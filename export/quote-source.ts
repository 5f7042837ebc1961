import type { Fact } from '../core/model';
import type { QuoteVerdict } from '../db/originals/quote-check';

/**
 * The pre-flight finding for a quote whose words are not in its source's stored original, or
 * whose original is damaged (it cannot vouch for them). A source with no stored original
 * raises nothing: there is nothing to compare with.
 */
export function quoteSourceFinding(
  fact: Fact,
  verdict: QuoteVerdict,
  short: (f: Fact) => string,
): { code: 'quote-not-in-source'; factId: string; message: string } | undefined {
  if (verdict.status === 'found' || verdict.status === 'none') return undefined;
  const o = verdict.original;
  const file = `${o.fileName ? `${o.fileName}, ` : ''}captured ${o.capturedAt.slice(0, 10)}`;
  const message =
    verdict.status === 'missing'
      ? `The quote ${short(fact)} does not appear in its source's stored original (${file}): check its words against the source.`
      : `The quote ${short(fact)} cannot be checked: its source's stored original (${file}) is damaged (its hash no longer matches); run "dossier check" and restore a backup.`;
  return { code: 'quote-not-in-source', factId: fact.id, message };
}
