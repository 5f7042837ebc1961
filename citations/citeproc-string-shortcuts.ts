/**
 * Shortcuts around citeproc-js string handling that, for the strings they apply to,
 * cannot change the result. citeproc runs these on every piece of text it outputs (tens of
 * thousands per document); in profiles of a 500-note export the flip-flop parser and the
 * html escaper together were ~10 % of all rendering time, almost all of it spent proving
 * that a plain string ("Ministry of Energy", "2024", "12–14") needed nothing done.
 *
 * Each shortcut tests for the characters without which citeproc's own function is the
 * identity (or a no-op), and otherwise calls that function. citeproc-string-shortcuts.test.ts
 * compares each with the original over generated strings made of exactly those characters.
 */
import type { CiteprocEngine, CiteprocModule } from './citeproc-types';

/*
 * The two module-wide shortcuts (case, escape) are installed once on the shared citeproc
 * module and ask `active` on every call, so the fast-path switch (core/fast-paths.ts) takes
 * effect without reloading citeproc; the flip-flop shortcut is per engine, installed or not.
 */

/**
 * Languages whose case mapping differs from the locale-independent one in V8/ICU
 * (dotted/dotless i, Lithuanian dot above). For every other language
 * `s.toLocaleLowerCase(langs)` equals `s.toLowerCase()`.
 */
const SPECIAL_CASING = /^(tr|az|lt)\b/i;

function usesSpecialCasing(langs: string[] | undefined): boolean {
  if (!langs || langs.length === 0) return true; // host default locale: unknown, stay exact
  for (const l of langs) if (typeof l !== 'string' || SPECIAL_CASING.test(l)) return true;
  return false;
}

/**
 * citeproc lower/upper-cases through `toLocaleLowerCase(langArray)` thousands of times per
 * document (sort keys, title case, name particles). With an explicit locale list V8
 * canonicalises the list through ICU on every call: ~8 % of all rendering time in our
 * profiles. Outside tr/az/lt the result is identical to toLowerCase, so take that path.
 */
export function installCaseShortcut(CSL: CiteprocModule, active: () => boolean = () => true): void {
  const lower = CSL.toLocaleLowerCase;
  const upper = CSL.toLocaleUpperCase;
  CSL.toLocaleLowerCase = function (this: { tmp: { lang_array?: string[] } }, s: string): string {
    return !active() || usesSpecialCasing(this.tmp.lang_array) ? lower.call(this, s) : s.toLowerCase();
  };
  CSL.toLocaleUpperCase = function (this: { tmp: { lang_array?: string[] } }, s: string): string {
    return !active() || usesSpecialCasing(this.tmp.lang_array) ? upper.call(this, s) : s.toUpperCase();
  };
}

type Escaper = (text: string) => string;

interface HtmlFormat {
  text_escape: Escaper;
}

function htmlFormat(CSL: CiteprocModule): HtmlFormat {
  return (CSL.Output as { Formats: { html: HtmlFormat } }).Formats.html;
}

/**
 * The html escaper is a chain of five replaces: `&`, `<`, `>`, two whitespace characters in
 * a row, and Unicode superscript letters (turned into <sup>). A string with none of those
 * comes back unchanged, so it is returned as it is. Patched on the shared html format
 * before any engine copies it (engines take the function when their output format is set).
 */
export function installEscapeShortcut(CSL: CiteprocModule, active: () => boolean = () => true): void {
  const html = htmlFormat(CSL);
  const escape = html.text_escape;
  const superscripts = (CSL.SUPERSCRIPTS_REGEXP as RegExp).source;
  const needsWork = new RegExp(`[&<>]|\\s\\s|${superscripts}`);
  html.text_escape = function (this: unknown, text: string): string {
    if (typeof text === 'string' && !needsWork.test(text) && active()) return text;
    return escape.call(this, text);
  };
}

interface FlipFlopper {
  processTags(blob: { blobs: unknown }): void;
}

/** Regex source for "any of these characters" (each escaped). */
function anyOf(chars: Iterable<string>): RegExp {
  const escaped = [...new Set(chars)].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return new RegExp(`[${escaped.join('')}]`, 'u');
}

/**
 * citeproc's flip-flopper parses every output string for inline markup (<i>, <b>, <sc>,
 * nocase spans) and quotes, to alternate italics and quote marks when they nest. It does
 * nothing to a string in which it finds no tag, and every tag it knows contains `<`, a
 * straight quote, or one of the locale's quote marks; it also turns a curly apostrophe
 * between letters into a straight one before looking. A string with none of those
 * characters is skipped. The locale's quote terms are read the same way the flip-flopper
 * read them when the engine built it.
 */
export function installFlipFlopShortcut(engine: CiteprocEngine): void {
  const state = engine as unknown as {
    fun: { flipflopper: FlipFlopper };
    getTerm(name: string): string | undefined;
  };
  const flipflopper = state.fun.flipflopper;
  const processTags = flipflopper.processTags;
  const quoteTerms = ['open-quote', 'close-quote', 'open-inner-quote', 'close-inner-quote'].map((t) => state.getTerm(t) ?? '');
  const tagCharacter = anyOf(['<', '"', "'", '\u2019', ...quoteTerms.join('')]);
  flipflopper.processTags = function (this: unknown, blob: { blobs: unknown }): void {
    if (typeof blob.blobs === 'string' && !tagCharacter.test(blob.blobs)) return;
    processTags.call(this, blob);
  };
}
