import { splitCitations } from '../../core/citation-marks';
import { DossierError } from '../../core/errors';
import type { Briefing, BriefingItem } from '../../core/model';
import { escapeLineStarts, escapeRunsBefore, keyLikeAt, linkOpener } from './escapes';
import { writeFrontMatter } from './front-matter';

/**
 * A briefing as a Markdown file an analyst can edit anywhere and pandoc can read
 * (`dossier brief export-md`; read back by `dossier brief import`, ./import.ts):
 *
 *     ---
 *     template: "info-memo"
 *     title: "Grain corridor"
 *     style: "chicago-fullnote-bibliography-with-ibid"   (when set; so are notes and marking)
 *     notes: "footnotes"
 *     marking: "CUI"
 *     portionMarks: true
 *     derivedFrom: false
 *     fields:
 *       for: "SECRETARY OF DEFENSE"
 *     ---
 *
 *     ## BLUF {#bluf}
 *
 *     The corridor reopened [see @7f3e…, p. 4; @0b9a…, para. 3].
 *
 *     A second paragraph is a second prose item.
 *
 *     ::: {.prose marking="CUI"}
 *     One prose item of two paragraphs
 *
 *     - and a bullet.
 *     :::
 *
 *     ::: {.fact fact=7f3e… locator="page 4" lead="Insurance" marking="CUI"}
 *     <!-- library: The library's text of the fact, for the reader; ignored on import. -->
 *     The fact as reworded for this briefing (none: the library's wording).
 *     :::
 *
 * - Front matter: the strict YAML subset of ./front-matter.ts.
 * - Sections: "## Heading {#key}", pandoc's header attribute; every section is written, empty
 *   ones too. On import the key may be left out (the heading finds the template's section).
 * - Prose: as stored (light Markdown, citation marks in pandoc syntax with full fact ids). A
 *   block of lines up to a blank line is one prose item; an item of several blocks, an empty
 *   one, or one with a raised portion mark is a fenced div of class "prose", so item
 *   boundaries survive. Escapes that keep prose exact are in ./escapes.ts.
 * - Placed facts: a fenced div of class "fact" with the fact id and the optional locator
 *   override ("label value"), lead and marking as attributes; its body is the wording here,
 *   after a one-line HTML comment quoting the library's text (so the file can be read and
 *   reworded in any editor; the importer drops a comment line opening the body). Pandoc reads
 *   both kinds of div (and shows a placed fact only when it is reworded).
 * - Quoted attribute values escape \ " and a line break (\n).
 */
export interface WriteOptions {
  /** Whether a key in stored prose is a citation (db/repo/briefing-cites.ts storedKeys). */
  isStoredKey: (key: string) => boolean;
  /** The library's text of a placed fact, quoted in a comment for whoever reads the file. */
  factText?(factId: string): string | undefined;
}

export function briefingToMarkdown(b: Briefing, opts: WriteOptions): string {
  const parts = [
    writeFrontMatter([
      ['template', b.templateId],
      ['title', b.title],
      ['style', b.styleId],
      ['notes', b.notePlacement],
      ['marking', b.marking],
      ['portionMarks', b.portionMarks],
      ['derivedFrom', b.derivedFrom],
      ['fields', b.fields],
    ]),
  ];
  for (const s of b.sections) {
    if (/[\r\n]/.test(s.heading))
      throw new DossierError('validation', `section "${s.key}": its heading has a line break, which a Markdown heading cannot hold`, 'section.heading');
    parts.push(`## ${s.heading} {#${s.key}}`);
    for (const item of s.items) parts.push(writeItem(item, opts));
  }
  return parts.join('\n\n') + '\n';
}

function writeItem(item: BriefingItem, opts: WriteOptions): string {
  if (item.kind === 'fact') {
    const attrs = [`.fact`, `fact=${item.factId}`];
    if (item.locator) attrs.push(`locator=${attribute(`${item.locator.label} ${item.locator.value}`)}`);
    if (item.lead) attrs.push(`lead=${attribute(item.lead)}`);
    if (item.marking) attrs.push(`marking=${attribute(item.marking)}`);
    const library = opts.factText?.(item.factId);
    const comment = library === undefined ? [] : [`<!-- library: ${library.replace(/\s+/g, ' ').replace(/--/g, '- -')} -->`];
    return fenced(`{${attrs.join(' ')}}`, [...comment, ...(item.wording ? [escapeLineStarts(item.wording)] : [])].join('\n'));
  }
  const text = escapeProse(item.text, opts.isStoredKey);
  if (item.marking) return fenced(`{.prose marking=${attribute(item.marking)}}`, text);
  // A plain block is read back up to the first blank line: anything else needs the fence.
  if (text === '' || text.split('\n').some((line) => /^[ \t]*$/.test(line))) return fenced('prose', text);
  return text;
}

function fenced(open: string, body: string): string {
  return body === '' ? `::: ${open}\n:::` : `::: ${open}\n${body}\n:::`;
}

function attribute(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')}"`;
}

/**
 * Stored prose made safe to read back: "@" before an id-like word that is not a citation,
 * the "[" of link syntax around a citation, and "#" or ":::" at a line start are escaped.
 */
function escapeProse(text: string, isStoredKey: (key: string) => boolean): string {
  const segments = splitCitations(text, { isKey: isStoredKey });
  const positions = new Set<number>();
  let pos = 0;
  for (const seg of segments) {
    if (seg.kind === 'cite') {
      const open = linkOpener(text, seg.start, seg.end);
      if (open !== -1) positions.add(open);
      pos = seg.end;
      continue;
    }
    const end = pos + seg.text.length;
    for (let k = text.indexOf('@', pos); k !== -1 && k < end; k = text.indexOf('@', k + 1)) {
      if (keyLikeAt(text, k)) positions.add(k);
    }
    pos = end;
  }
  return escapeLineStarts(
    escapeRunsBefore(
      text,
      [...positions].sort((a, b) => a - b),
    ),
  );
}
