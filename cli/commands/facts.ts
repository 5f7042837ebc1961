import { parseLocator } from '../../core/locator';
import type { Fact } from '../../core/model';
import type { FactQuery } from '../../db/repo/search';
import { SORTS } from '../../db/repo/search';
import type { Command, Values } from '../command';
import { UsageError, flag, list, need, str } from '../command';
import { locatorText, sourceLabel } from '../format';
import { fields, shortId, table } from '../table';
import { invalid } from '../../core/errors';
import type { Library } from '../../db/library';
import { checkKind, checkMarking, checkReliabilityList, checkSourceType } from '../choices';
import { contextText, originalHitsText } from './originals';
import { figureFromOptions, figureText } from '../fact-figure';

const FACT_FIELD_OPTIONS = {
  text: { type: 'string' },
  kind: { type: 'string' },
  source: { type: 'string' },
  locator: { type: 'string' },
  'attribution-name': { type: 'string' },
  'attribution-role': { type: 'string' },
  via: { type: 'string' },
  'event-date': { type: 'string' },
  'event-date-end': { type: 'string' },
  figure: { type: 'string' },
  'figure-value': { type: 'string' },
  'figure-unit': { type: 'string' },
  credibility: { type: 'string' },
  marking: { type: 'string' },
  notes: { type: 'string' },
} as const;

const FACT_FIELD_HELP = `Fact fields:
  --text T             the claim, quote or figure
  --kind K             quote, paraphrase or statistic
  --source ID          the source it comes from (required for add)
  --locator L          where in the source: page:12, p. 12, para 4, section 3.2 …
  --attribution-name N --attribution-role R   who said it
  --via ID             the source that relayed it (e.g. the agency that reported a statement)
  --event-date DATE    the date the fact is about (YYYY, YYYY-MM or YYYY-MM-DD)
  --event-date-end DATE  the end of a date range that starts at --event-date
  --figure F           a statistic's figure as the source states it ("3.2 bn", "42 percent");
                       its number and unit are read from it unless given:
  --figure-value N --figure-unit U
  --credibility 1-6    information credibility
  --marking M          handling marking from the library's scheme (e.g. U, CUI, OFFICIAL-SENSITIVE)
  --notes T            your notes`;

/** The fact fields given on the command line; an empty value clears an optional field. */
function factFields(v: Values, lib: Library): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const s = (k: string) => str(v, k);
  if (s('text') !== undefined) out.text = s('text');
  if (s('kind') !== undefined) out.kind = checkKind(s('kind')!);
  if (s('source') !== undefined) out.sourceId = s('source');
  if (s('locator') !== undefined) out.locator = s('locator') === '' ? undefined : parseLocator(s('locator')!, 'fact.locator');
  if (s('attribution-name') !== undefined || s('attribution-role') !== undefined) {
    const a: Record<string, string> = {};
    if (s('attribution-name')) a.name = s('attribution-name')!;
    if (s('attribution-role')) a.role = s('attribution-role')!;
    out.attribution = Object.keys(a).length ? a : undefined;
  }
  if (s('via') !== undefined) out.viaSourceId = s('via');
  // An empty date clears it (a date field cannot hold "").
  if (s('event-date') !== undefined) out.eventDate = s('event-date') || undefined;
  if (s('event-date-end') !== undefined) out.eventDateEnd = s('event-date-end') || undefined;
  if (s('figure') !== undefined) out.figure = s('figure') === '' ? undefined : figureFromOptions(s('figure')!, s('figure-value'), s('figure-unit'));
  else if (s('figure-value') !== undefined || s('figure-unit') !== undefined)
    throw new UsageError('--figure-value and --figure-unit go with --figure (the figure as stated)');
  if (s('credibility') !== undefined) {
    const c = s('credibility')!;
    if (c !== '' && !/^\d+$/.test(c)) throw invalid('fact.credibility', `"${c}" must be a whole number 1–6`);
    out.credibility = c === '' ? undefined : Number(c);
  }
  if (s('marking') !== undefined) out.marking = s('marking') === '' ? '' : checkMarking(lib, s('marking')!);
  if (s('notes') !== undefined) out.notes = s('notes');
  return out;
}

function showFact(f: Fact, sourceText: string, uses: { title: string }[], viaText?: string): string {
  return fields([
    ['id', f.id],
    ['text', f.text],
    ['kind', f.kind],
    ['source', `${sourceText} (${f.sourceId})`],
    ['locator', locatorText(f)],
    ['attribution', f.attribution ? [f.attribution.name, f.attribution.role].filter(Boolean).join(', ') : undefined],
    ['via', viaText && f.viaSourceId ? `${viaText} (${f.viaSourceId})` : f.viaSourceId],
    ['event date', f.eventDate && f.eventDateEnd ? `${f.eventDate} to ${f.eventDateEnd}` : f.eventDate],
    ['figure', figureText(f)],
    ['credibility', f.credibility?.toString()],
    ['marking', f.marking],
    ['tags', f.tags.join(', ')],
    ['notes', f.notes],
    ['verified', f.verifiedAt ?? 'never'],
    ['created', f.createdAt],
    ['updated', f.updatedAt],
    ['briefings', uses.map((u) => u.title).join('; ')],
  ]);
}

/** The filters `facts` and `searches save` take. */
export const FILTER_OPTIONS = {
  search: { type: 'string' },
  tag: { type: 'string', multiple: true },
  source: { type: 'string' },
  type: { type: 'string', multiple: true },
  kind: { type: 'string', multiple: true },
  reliability: { type: 'string' },
  marking: { type: 'string', multiple: true },
  'has-figure': { type: 'boolean' },
  'event-from': { type: 'string' },
  'event-to': { type: 'string' },
  'issued-from': { type: 'string' },
  'issued-to': { type: 'string' },
  'not-verified-since': { type: 'string' },
  sort: { type: 'string' },
} as const;

/** The search given by the filter options (only those given). */
export function queryFromOptions(v: Values, lib: Library): FactQuery {
  const q: FactQuery = {};
  const s = (k: string) => str(v, k);
  if (s('search')) q.text = s('search')!;
  if (list(v, 'tag').length) q.tags = list(v, 'tag');
  if (s('source')) q.sourceId = lib.getSource(s('source')!).id;
  if (list(v, 'type').length) q.sourceTypes = list(v, 'type').map(checkSourceType) as FactQuery['sourceTypes'];
  if (list(v, 'kind').length) q.kinds = list(v, 'kind').map(checkKind) as FactQuery['kinds'];
  if (s('reliability')) q.reliability = checkReliabilityList(s('reliability')!) as FactQuery['reliability'];
  if (list(v, 'marking').length) q.markings = list(v, 'marking').map((m) => checkMarking(lib, m));
  if (flag(v, 'has-figure')) q.hasFigure = true;
  for (const [opt, key] of [
    ['event-from', 'eventFrom'],
    ['event-to', 'eventTo'],
    ['issued-from', 'issuedFrom'],
    ['issued-to', 'issuedTo'],
    ['not-verified-since', 'notVerifiedSince'],
  ] as const) {
    const d = s(opt);
    if (d === undefined) continue;
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d)) throw invalid(opt, `"${d}" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD`);
    q[key] = d;
  }
  if (s('sort')) {
    if (!(SORTS as readonly string[]).includes(s('sort')!)) throw new UsageError(`--sort must be one of ${SORTS.join(', ')}`);
    q.sort = s('sort') as FactQuery['sort'];
  }
  return q;
}

export const factsCommand: Command = {
  name: ['facts'],
  summary: 'list or search facts',
  usage: 'dossier facts [--search Q] [filters] [--sort S] [--limit N]',
  help: `  --search Q           words to find in fact text, tags, notes, attribution and source;
                       "exact phrase", -exclude, prefix*, OR
  --tag TAG            only facts with this tag (repeatable: all must match)
  --source ID          only facts of this source
  --type TYPE          only facts whose source has this type (repeatable)
  --kind K             quote, paraphrase or statistic (repeatable)
  --reliability A,B    only sources graded so
  --marking M          only facts with this marking (repeatable)
  --has-figure         only facts that carry a figure (see fact add --figure)
  --event-from DATE --event-to DATE     event date range
  --issued-from DATE --issued-to DATE   source publication date range
  --not-verified-since DATE             never verified, or verified before DATE
  --sort S             ${SORTS.join(', ')}
  --saved NAME         start from a saved search (see: dossier searches); other filters add to it
  --originals          with --search: also find the words in the stored originals of captured
                       files (passages you did not keep), listed apart as [original]
  --limit N --offset N`,
  options: { ...FILTER_OPTIONS, saved: { type: 'string' }, originals: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' } },
  run(ctx) {
    const v = ctx.values;
    const lib = ctx.library();
    const s = (k: string) => str(v, k);
    // A saved search first; any filter typed as well narrows or replaces its part of it.
    const saved = s('saved') !== undefined ? lib.findSavedSearch(s('saved')!).query : {};
    const q: FactQuery = { ...saved, ...queryFromOptions(v, lib) };
    q.limit = s('limit') ? positive('limit', s('limit')!) : 50;
    if (s('offset')) q.offset = positive('offset', s('offset')!);
    if (flag(v, 'originals') && !q.text) throw new UsageError('--originals searches the stored originals for words: give them with --search');
    const r = lib.searchFacts(q);
    const originals = flag(v, 'originals') ? lib.searchOriginals(q.text!, { limit: q.limit }) : undefined;
    if (ctx.json)
      return {
        total: r.total,
        facts: r.hits.map((h) => ({ ...h.fact, source: h.source, ...(h.highlights ? { highlights: h.highlights } : {}) })),
        ...(originals ? { originals } : {}),
      };
    const bold = process.stdout.isTTY ? (t: string) => `\x1b[1m${t}\x1b[22m` : (t: string) => t;
    if (originals) ctx.out(originalHitsText(originals, bold) + '\n');
    if (r.hits.length === 0) return ctx.out('No facts found.');
    const rows = r.hits.map((h) => [
      shortId(h.fact.id),
      h.fact.kind,
      h.source.reliability ?? '',
      h.fact.tags.join(','),
      (h.highlights ? h.highlights.map((x) => (x.match ? bold(x.text) : x.text)).join('') : h.fact.text) +
        `  — ${h.source.title}${h.fact.locator ? ', ' + locatorText(h.fact) : ''}`,
    ]);
    ctx.out(table(['id', 'kind', 'rel', 'tags', 'fact — source'], rows));
    ctx.out(`\n${r.hits.length} of ${r.total} fact(s)`);
    return undefined;
  },
};

function positive(name: string, s: string): number {
  if (!/^\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number`);
  return Number(s);
}

export const factAddCommand: Command = {
  name: ['fact', 'add'],
  summary: 'add a fact to a source',
  usage: 'dossier fact add --source ID --text T [fields] [--tag TAG]…',
  help: FACT_FIELD_HELP,
  options: { ...FACT_FIELD_OPTIONS, tag: { type: 'string', multiple: true } },
  run(ctx) {
    const input = factFields(ctx.values, ctx.library());
    if (ctx.positionals[0] && input.text === undefined) input.text = ctx.positionals.join(' ');
    input.tags = list(ctx.values, 'tag');
    const f = ctx.library().addFact(input);
    if (ctx.json) return f;
    ctx.out(`Added fact ${f.id}`);
    return undefined;
  },
};

export const factShowCommand: Command = {
  name: ['fact', 'show'],
  summary: 'show a fact, its source and the briefings that cite it',
  usage: 'dossier fact show ID [--context]',
  help: `  --context            show the passage of the source's stored original the fact comes from
                       (at its page or paragraph), its words between » and «`,
  options: { context: { type: 'boolean' } },
  run(ctx) {
    const lib = ctx.library();
    const f = lib.getFact(need(ctx, 0, 'fact ID'));
    const src = lib.getSource(f.sourceId);
    const uses = lib.briefingsUsingFact(f.id);
    const corroborating = lib.corroboratingFacts(f.id);
    const independentSources = lib.independentSourceCount(f.id);
    const context = flag(ctx.values, 'context') ? lib.factContext(f.id) : undefined;
    if (ctx.json)
      return {
        ...f,
        source: { id: src.id, title: src.title },
        briefings: uses,
        corroboratedBy: corroborating.map((c) => c.id),
        independentSources,
        ...(context ? { context } : {}),
      };
    // The outlet that relayed the fact, by name: an id alone tells the reader nothing.
    const via = f.viaSourceId ? sourceLabel(lib.getSource(f.viaSourceId)) : undefined;
    ctx.out(showFact(f, sourceLabel(src), uses, via));
    ctx.out(
      `${'support:'.padEnd(12)}  ${independentSources} independent source(s)${corroborating.length ? `; corroborated by ${corroborating.map((c) => shortId(c.id)).join(', ')}` : ''}`,
    );
    if (context) ctx.out(`\n${contextText(context)}`);
    return undefined;
  },
};

export const factEditCommand: Command = {
  name: ['fact', 'edit'],
  summary: 'change fields of a fact (an empty value clears an optional field)',
  usage: 'dossier fact edit ID [fields]',
  help: FACT_FIELD_HELP,
  options: FACT_FIELD_OPTIONS,
  run(ctx) {
    const id = need(ctx, 0, 'fact ID');
    const patch = factFields(ctx.values, ctx.library());
    if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give at least one field option');
    const lib = ctx.library();
    const f = lib.updateFact(id, patchForClearing(patch));
    const uses = lib.briefingsUsingFact(f.id);
    if (ctx.json) return { ...f, briefings: uses };
    ctx.out(`Updated fact ${f.id}`);
    if (uses.length) ctx.out(`Cited in ${uses.length} briefing(s) — check them: ${uses.map((u) => `"${u.title}"`).join(', ')}`);
    return undefined;
  },
};

/** Fields set to undefined (cleared on the command line) become empty strings the repo clears. */
function patchForClearing(patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(patch)) {
    if (val !== undefined) out[k] = val;
    else if (['locator', 'attribution', 'credibility', 'figure', 'eventDate', 'eventDateEnd'].includes(k)) out[k] = null;
    else out[k] = '';
  }
  return out;
}

export const factTagCommand: Command = {
  name: ['fact', 'tag'],
  summary: 'add tags to a fact',
  usage: 'dossier fact tag ID TAG…',
  run(ctx) {
    const id = need(ctx, 0, 'fact ID');
    need(ctx, 1, 'TAG');
    const f = ctx.library().tagFact(id, ctx.positionals.slice(1));
    if (ctx.json) return f;
    ctx.out(`Tags of ${shortId(f.id)}: ${f.tags.join(', ')}`);
    return undefined;
  },
};

export const factUntagCommand: Command = {
  name: ['fact', 'untag'],
  summary: 'remove tags from a fact',
  usage: 'dossier fact untag ID TAG…',
  run(ctx) {
    const id = need(ctx, 0, 'fact ID');
    need(ctx, 1, 'TAG');
    const f = ctx.library().untagFact(id, ctx.positionals.slice(1));
    if (ctx.json) return f;
    ctx.out(`Tags of ${shortId(f.id)}: ${f.tags.join(', ') || '(none)'}`);
    return undefined;
  },
};

export const factVerifyCommand: Command = {
  name: ['fact', 'verify'],
  summary: 'record that you checked a fact against its source today',
  usage: 'dossier fact verify ID…',
  run(ctx) {
    need(ctx, 0, 'fact ID');
    const lib = ctx.library();
    const done = ctx.positionals.map((id) => lib.verifyFact(id));
    if (ctx.json) return done.length === 1 ? done[0] : done;
    for (const f of done) ctx.out(`Verified ${f.id} at ${f.verifiedAt}`);
    return undefined;
  },
};

export const factRmCommand: Command = {
  name: ['fact', 'rm'],
  summary: 'delete a fact (refused while a briefing cites it)',
  usage: 'dossier fact rm ID',
  run(ctx) {
    const lib = ctx.library();
    const f = lib.getFact(need(ctx, 0, 'fact ID'));
    lib.removeFact(f.id);
    if (ctx.json) return { removed: f.id };
    ctx.out(`Deleted fact ${f.id}`);
    return undefined;
  },
};

export const tagsCommand: Command = {
  name: ['tags'],
  summary: 'list tags with the number of facts carrying each',
  usage: 'dossier tags',
  run(ctx) {
    const tags = ctx.library().listTags();
    if (ctx.json) return tags;
    if (!tags.length) return ctx.out('No tags.');
    ctx.out(
      table(
        ['facts', 'tag'],
        tags.map((t) => [String(t.count), t.name]),
      ),
    );
    return undefined;
  },
};

export const tagRenameCommand: Command = {
  name: ['tags', 'rename'],
  summary: 'rename a tag everywhere (--merge to fold it into an existing tag)',
  usage: 'dossier tags rename FROM TO [--merge]',
  help: `  --merge              TO is a tag already: FROM's facts get TO, and FROM goes
Saved searches that filter by FROM filter by TO afterwards (changed in the same transaction).
Tags are never deleted on their own: one goes when no fact carries it, and a saved search
filtering by it keeps that filter and finds nothing, rather than quietly finding more.`,
  options: { merge: { type: 'boolean' } },
  run(ctx) {
    const t = ctx.library().renameTag(need(ctx, 0, 'FROM'), need(ctx, 1, 'TO'), { merge: flag(ctx.values, 'merge') });
    if (ctx.json) return t;
    ctx.out(`Tag is now "${t.name}" on ${t.count} fact(s).`);
    if (t.savedSearches.length) ctx.out(`Saved search(es) now filtering by "${t.name}": ${t.savedSearches.map((n) => `"${n}"`).join(', ')}.`);
    return undefined;
  },
};

export const factCorroborateCommand: Command = {
  name: ['fact', 'corroborate'],
  summary: 'link two facts that support the same claim (from independent sources, ideally)',
  usage: 'dossier fact corroborate FACT OTHER [--note T]',
  options: { note: { type: 'string' } },
  run(ctx) {
    const lib = ctx.library();
    const a = need(ctx, 0, 'FACT');
    const link = lib.linkCorroboration(a, need(ctx, 1, 'OTHER'), str(ctx.values, 'note'));
    const n = lib.independentSourceCount(link.factA);
    if (ctx.json) return { ...link, independentSources: n };
    ctx.out(`Linked. The claim now rests on ${n} independent source(s).`);
    return undefined;
  },
};

export const factUncorroborateCommand: Command = {
  name: ['fact', 'uncorroborate'],
  summary: 'remove a corroboration link between two facts',
  usage: 'dossier fact uncorroborate FACT OTHER',
  run(ctx) {
    ctx.library().unlinkCorroboration(need(ctx, 0, 'FACT'), need(ctx, 1, 'OTHER'));
    if (ctx.json) return { unlinked: true };
    ctx.out('Unlinked.');
    return undefined;
  },
};
