import type { CslName } from '../core/csl';
import type { OptionSpec, Values } from './command';
import { checkReliability, checkSourceType } from './choices';
import { list, str } from './command';

export const SOURCE_OPTIONS: OptionSpec = {
  title: { type: 'string' },
  author: { type: 'string', multiple: true },
  editor: { type: 'string', multiple: true },
  publisher: { type: 'string' },
  place: { type: 'string' },
  container: { type: 'string' },
  issued: { type: 'string' },
  accessed: { type: 'string' },
  url: { type: 'string' },
  doi: { type: 'string' },
  type: { type: 'string' },
  pages: { type: 'string' },
  volume: { type: 'string' },
  issue: { type: 'string' },
  number: { type: 'string' },
  language: { type: 'string' },
  reliability: { type: 'string' },
  'source-notes': { type: 'string' },
};

export const SOURCE_HELP = `Source metadata:
  --title T            title of the article, report or statement
  --author NAME        repeatable; "Family, Given" for a person, anything else is kept
                       whole (an institution, e.g. "U.S. Department of State")
  --editor NAME        repeatable, as --author
  --type TYPE          article-newspaper, article-magazine, report, webpage, book, chapter,
                       speech, interview, legislation, dataset … (default: article-newspaper)
  --container T        newspaper, journal or website the item appeared in
  --publisher P        publisher or issuing body;  --place P  its place
  --issued DATE        publication date: YYYY, YYYY-MM or YYYY-MM-DD
  --accessed DATE      date you accessed it online
  --url URL  --doi DOI  --pages P  --volume V  --issue N  --number N  --language TAG
  --reliability A-F    source reliability grade (Admiralty scale)
  --source-notes T     your notes on the source`;

/** "Family, Given" is a person; anything without a comma is kept whole as a literal name. */
function parseName(s: string): CslName {
  const t = s.trim();
  const comma = t.indexOf(',');
  if (comma < 0) return { literal: t };
  const family = t.slice(0, comma).trim();
  const given = t.slice(comma + 1).trim();
  return given ? { family, given } : { family };
}

const MAP: [string, string][] = [
  ['title', 'title'],
  ['publisher', 'publisher'],
  ['place', 'publisherPlace'],
  ['container', 'containerTitle'],
  ['issued', 'issued'],
  ['accessed', 'accessed'],
  ['url', 'url'],
  ['doi', 'doi'],
  ['type', 'type'],
  ['pages', 'pages'],
  ['volume', 'volume'],
  ['issue', 'issue'],
  ['number', 'number'],
  ['language', 'language'],
  ['reliability', 'reliability'],
  ['source-notes', 'notes'],
];

/** The source fields given on the command line (only those given, for edits). */
export function sourceFromOptions(v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [opt, field] of MAP) {
    const x = str(v, opt);
    // An empty value clears a field; any other grade or type must be one the library knows.
    if (x !== undefined) out[field] = x === '' ? x : opt === 'reliability' ? checkReliability(x) : opt === 'type' ? checkSourceType(x) : x;
  }
  const authors = list(v, 'author');
  if (authors.length) out.authors = authors.map(parseName);
  const editors = list(v, 'editor');
  if (editors.length) out.editors = editors.map(parseName);
  return out;
}
