/**
 * The bibliography citeproc makes of a document's registered items, as html and formatted
 * runs, with the layout settings the style gives (hanging indent, spacing, label column).
 */
import type { CiteprocEngine } from './citeproc';
import type { Bibliography } from './engine-types';
import { htmlToRuns } from './html-runs';

/** The bibliography of the cited items, in the style's order (empty if the style has none). */
export function makeBibliography(engine: CiteprocEngine): Bibliography {
  const made = engine.makeBibliography();
  if (!made) return { entries: [], hangingIndent: false };
  const [params, html] = made;
  const out: Bibliography = {
    entries: html.map((h) => {
      const trimmed = h.trim();
      return { html: trimmed, runs: htmlToRuns(trimmed) };
    }),
    hangingIndent: !!params.hangingindent,
  };
  if (params.entryspacing) out.entrySpacing = params.entryspacing;
  if (params.linespacing) out.lineSpacing = params.linespacing;
  if (params['second-field-align']) out.secondFieldAlign = params['second-field-align'];
  return out;
}
