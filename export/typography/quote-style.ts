import table from './quote-styles.json';

/** The marks and spacing a document language prints: see quote-styles.json for the table and its sources. */
export interface QuoteStyle {
  /** Outer quotation marks, [open, close]; a space inside a mark is part of it (French « … »). */
  primary: readonly [string, string];
  /** Quotation marks nested inside the outer ones (then outer again, alternating). */
  secondary: readonly [string, string];
  apostrophe: string;
  /** What a typed "--" becomes, and a lone hyphen with a space either side between words. */
  dash: string;
  /** The no-break space each mark takes before it (French: ";" → U+202F, ":" → U+00A0); none when absent. */
  spaceBefore?: Readonly<Record<string, string>>;
}

const styles = table as unknown as Record<string, QuoteStyle | string>;

/** The marks for a BCP-47 language: the exact tag, then its primary subtag, then the default. */
export function quoteStyleFor(language: string | undefined): QuoteStyle {
  const tag = (language ?? '').trim();
  const lower = Object.keys(styles).find((k) => k.toLowerCase() === tag.toLowerCase() && k !== '$comment');
  const primary = tag.split(/[-_]/)[0].toLowerCase();
  const found = (lower && styles[lower]) || styles[primary] || styles.default;
  return found as QuoteStyle;
}
