import type { Fact, FactItem } from '../../core/model';
import { tokenize } from '../../ingest/index';
import type { Inline } from '../document';

/**
 * A placed fact as it reads in the briefing: its wording here (FactItem.wording) or the
 * library text, with the speaker in front when the text does not name them, and an optional
 * bold lead. The citation is the fact's either way.
 *
 * Quote facts carry their quotation marks in their text, as captured ("“We will keep the
 * corridor open,” the minister said."). Reworded so that it no longer matches the source, a
 * quotation would put words in someone's mouth: quotation marks around words that are not
 * in the fact's text are dropped (a faithful excerpt, "“as long as the guarantees hold”",
 * keeps them), and pre-flight says the quote was reworded.
 */
export function factInlines(item: FactItem, fact: Fact): Inline[] {
  const out: Inline[] = [];
  if (item.lead) out.push({ type: 'text', run: { text: `${item.lead}: `, bold: true } });
  out.push({ type: 'text', run: { text: displayedText(item, fact) } });
  return out;
}

function displayedText(item: FactItem, fact: Fact): string {
  const body = rewordedQuote(item, fact) ? unquoteInvented(item.wording!, fact.text) : (item.wording ?? fact.text);
  const who = fact.attribution ? [fact.attribution.name, fact.attribution.role].filter(Boolean).join(', ') : '';
  const named = fact.attribution && [fact.attribution.name, fact.attribution.role].some((w) => w && body.toLowerCase().includes(w.toLowerCase()));
  return who && !named ? `${who}: ${body}` : body;
}

/** The item rewords the fact (not only its spacing, quote marks or capitals). */
function isReworded(item: FactItem, fact: Fact): boolean {
  return item.wording !== undefined && normalise(item.wording) !== normalise(fact.text);
}

/** A quote fact whose wording here no longer matches what the source said. */
export function rewordedQuote(item: FactItem, fact: Fact): boolean {
  return fact.kind === 'quote' && isReworded(item, fact);
}

/** For comparing wordings: case, quote style and spacing do not count. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”„«»″]/g, '"')
    .replace(/[‘’‚′]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The wording with quotation marks removed around every passage the original does not contain. */
function unquoteInvented(wording: string, original: string): string {
  const source = normalise(original);
  const drop = new Set<number>();
  let open: number | undefined;
  for (const t of tokenize(wording)) {
    if (t.kind === 'open-quote') open = t.start;
    else if (t.kind === 'close-quote' && open !== undefined) {
      const inner = normalise(wording.slice(open + 1, t.start)).replace(/[\s,.;:!?…]+$/, '');
      if (!inner || !source.includes(inner)) {
        drop.add(open);
        drop.add(t.start);
      }
      open = undefined;
    }
  }
  if (open !== undefined) drop.add(open); // a quotation left open is not a quotation either
  return drop.size ? removeAt(wording, drop) : wording;
}

/** Quote characters are single UTF-16 units: removed by their offsets from tokenize. */
function removeAt(text: string, offsets: Set<number>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) if (!offsets.has(i)) out += text[i];
  return out;
}
