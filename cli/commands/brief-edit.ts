import { parseLocator } from '../../core/locator';
import type { FactItem } from '../../core/model';
import { checkMarking } from '../choices';
import type { Command } from '../command';
import { briefingMarkdown } from '../briefing-markdown';
import { UsageError, flag, list, need, str } from '../command';
import { shortId } from '../table';
import type { ItemPatch } from '../../db/repo/briefings';

/**
 * Editing one item of a briefing in place, and the "fact changed since you used it" review:
 * what the app's item row and checks tab do, for the command line and scripts.
 */
export const briefItemCommand: Command = {
  name: ['brief', 'item'],
  summary: "edit one item: a paragraph's text, a fact's wording here, locator, lead or portion mark",
  usage: 'dossier brief item BRIEF ITEM [--text T] [--wording T | --library-wording] [--locator L | --fact-locator] [--lead T] [--marking M | --no-marking]',
  help: `  ITEM                 the item's number in \`brief show\`, or its id
  --text T             a paragraph's new text (light Markdown; cite with [@FACTID, p. 4])
  --wording T          reword a placed fact for this briefing; the library fact is unchanged
  --library-wording    go back to the fact's wording in the library
  --locator L          cite another place than the fact's own locator (e.g. p. 14)
  --fact-locator       go back to the fact's own locator
  --lead T             bold lead-in before a fact ("" removes it)
  --marking M          raise this item's portion mark above what its facts require
  --no-marking         go back to the mark the facts require`,
  options: {
    text: { type: 'string' },
    wording: { type: 'string' },
    'library-wording': { type: 'boolean' },
    locator: { type: 'string' },
    'fact-locator': { type: 'boolean' },
    lead: { type: 'string' },
    marking: { type: 'string' },
    'no-marking': { type: 'boolean' },
  },
  async run(ctx) {
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const item = need(ctx, 1, 'ITEM (number or id)');
    const v = ctx.values;
    const patch: ItemPatch = {};
    if (str(v, 'text') !== undefined) patch.text = (await briefingMarkdown()).proseWithFullIds(ctx.library(), str(v, 'text')!);
    if (str(v, 'wording') !== undefined) patch.wording = str(v, 'wording')!;
    if (flag(v, 'library-wording')) patch.wording = null;
    if (str(v, 'locator') !== undefined) patch.locator = parseLocator(str(v, 'locator')!);
    if (flag(v, 'fact-locator')) patch.locator = null;
    if (str(v, 'lead') !== undefined) patch.lead = str(v, 'lead')!;
    if (str(v, 'marking') !== undefined) patch.marking = checkMarking(ctx.library(), str(v, 'marking')!);
    if (flag(v, 'no-marking')) patch.marking = null;
    if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give --text, --wording, --locator, --lead or --marking');
    const b = ctx.library().updateItem(brief, item, patch);
    if (ctx.json) return b;
    ctx.out(`Updated item ${item} of "${b.title}".`);
    return undefined;
  },
};

export const briefChangesCommand: Command = {
  name: ['brief', 'changes'],
  summary: 'facts corrected in the library since a briefing used them; --accept takes the new versions',
  usage: 'dossier brief changes BRIEF [--accept [--fact FACT]…]',
  help: `  --accept             take the library's current text and source as seen (all changed facts,
                       or only those named with --fact)
  --fact FACT          with --accept: only this fact (repeatable; ids can be shortened)`,
  options: { accept: { type: 'boolean' }, fact: { type: 'string', multiple: true } },
  access: (ctx) => (flag(ctx.values, 'accept') ? 'write' : 'read'),
  run(ctx) {
    const lib = ctx.library();
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const named = list(ctx.values, 'fact');
    if (named.length && !flag(ctx.values, 'accept')) throw new UsageError('--fact goes with --accept');
    if (flag(ctx.values, 'accept')) {
      const ids = named.length ? named.map((f) => lib.getFact(f).id) : undefined;
      const n = lib.acceptFactChanges(brief, ids);
      if (ctx.json) return { accepted: n };
      ctx.out(n ? `Accepted the changes to ${n} fact(s).` : 'No changed facts to accept.');
      return undefined;
    }
    const changes = lib.changedFacts(brief);
    if (ctx.json) return changes;
    if (!changes.length) return ctx.out('No fact has changed since the briefing used it.');
    const b = lib.getBriefing(brief);
    const reworded = new Set(b.sections.flatMap((s) => s.items.filter((i): i is FactItem => i.kind === 'fact' && Boolean(i.wording)).map((i) => i.factId)));
    const lines: string[] = [];
    for (const c of changes) {
      lines.push(`fact ${shortId(c.factId)} changed (${c.changed.join(', ')}) since ${c.seenAt.slice(0, 16).replace('T', ' ')}`);
      if (c.oldText !== c.newText) lines.push(`  was: ${c.oldText}`, `  now: ${c.newText}`);
      if (reworded.has(c.factId)) lines.push('  (reworded in this briefing: check the wording still holds)');
    }
    lines.push('', `Accept with: dossier brief changes "${b.title}" --accept`);
    ctx.out(lines.join('\n'));
    return undefined;
  },
};
