/**
 * "X, quoted in Y" with the comma where the style's locale wants it.
 *
 * A secondary citation is two cites in one cluster, the second prefixed ", quoted in " (see
 * CitationEngine.toCitation). citeproc moves punctuation inside closing quotation marks
 * (American usage: the locale's punctuation-in-quote option) for what the style prints, but
 * not for a cite's prefix, which it treats as the user's literal text. So a cite ending in a
 * quoted title came out as `“Remarks on Food Security”, quoted in …` where Chicago (14.260)
 * and every American style write `“Remarks on Food Security,” quoted in …`.
 *
 * The comma is ours, not the user's: where the locale puts punctuation inside quotes, it is
 * moved inside the closing quotation mark right before the via phrase. Locales that keep it
 * outside (en-GB, OSCOLA) are left alone.
 */
import type { CiteprocEngine } from './citeproc';

type Renderer = CiteprocEngine['process_CitationCluster'];

interface LocaleState {
  getOpt(name: string): unknown;
  getTerm(name: string): string | undefined;
  /** The output format setOutputFormat chose; its text_escape is how citeproc writes literal text. */
  fun: { decorate: { text_escape(text: string): string } };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A function moving the comma inside the quote before `viaPhrase`, or undefined where the locale keeps it outside. */
function viaCommaMover(engine: CiteprocEngine, viaPhrase: string): ((html: string) => string) | undefined {
  const state = engine as unknown as LocaleState;
  if (!state.getOpt('punctuation-in-quote')) return undefined;
  const quotes = [state.getTerm('close-quote'), state.getTerm('close-inner-quote')].filter((q): q is string => !!q);
  if (quotes.length === 0) return undefined;
  // The quote marks and the phrase as citeproc's own escaper writes them into its output.
  const htmlText = (text: string) => state.fun.decorate.text_escape(text);
  const pattern = new RegExp(`(${quotes.map((q) => escapeRegExp(htmlText(q))).join('|')}), (${escapeRegExp(htmlText(viaPhrase))} )`, 'g');
  return (html) => (html.includes(', ') ? html.replace(pattern, ',$1 $2') : html);
}

/** Wraps the engine's renderer (after any cache) so every cluster it renders gets the move. */
export function installViaPunctuation(engine: CiteprocEngine, viaPhrase: string): void {
  const move = viaCommaMover(engine, viaPhrase);
  if (!move) return;
  const render: Renderer = engine.process_CitationCluster;
  engine.process_CitationCluster = function (this: CiteprocEngine, sortedItems, citation) {
    return move(render.call(this, sortedItems, citation));
  };
}
