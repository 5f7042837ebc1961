import type { Command } from '../command';
import { checkSourceType } from '../choices';
import { UsageError, flag, need, str } from '../command';
import { locatorText, nameText, sourceJson, sourceLabel } from '../format';
import { SOURCE_HELP, SOURCE_OPTIONS, sourceFromOptions } from '../source-options';
import { fields, shortId, table } from '../table';

export const sourcesCommand: Command = {
  name: ['sources'],
  summary: 'list sources',
  usage: 'dossier sources [--type TYPE] [--search WORDS] [--limit N]',
  options: { type: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' } },
  run(ctx) {
    const type = str(ctx.values, 'type');
    const search = str(ctx.values, 'search');
    const limit = str(ctx.values, 'limit');
    const list = ctx
      .library()
      .listSources({ ...(type ? { type: checkSourceType(type) } : {}), ...(search ? { search } : {}), ...(limit ? { limit: Number(limit) } : {}) });
    if (ctx.json) return list.map(sourceJson);
    if (list.length === 0) return ctx.out('No sources.');
    ctx.out(
      table(
        ['id', 'type', 'issued', 'rel', 'facts', 'source'],
        list.map((s) => [shortId(s.id), s.type, s.issued ?? '', s.reliability ?? '', String(s.factCount), sourceLabel(s)]),
      ),
    );
    return undefined;
  },
};

export const sourceAddCommand: Command = {
  name: ['source', 'add'],
  summary: 'add a source',
  usage: 'dossier source add --title T [--author NAME]… [--type TYPE] [options]',
  help: SOURCE_HELP,
  options: SOURCE_OPTIONS,
  run(ctx) {
    const input = sourceFromOptions(ctx.values);
    if (!input.type) input.type = 'article-newspaper';
    const s = ctx.library().addSource(input);
    if (ctx.json) return sourceJson(s);
    ctx.out(`Added source ${s.id}: ${sourceLabel(s)}`);
    return undefined;
  },
};

export const sourceShowCommand: Command = {
  name: ['source', 'show'],
  summary: 'show a source and its facts',
  usage: 'dossier source show ID',
  run(ctx) {
    const lib = ctx.library();
    const s = lib.getSource(need(ctx, 0, 'source ID'));
    const facts = lib.factsOfSource(s.id);
    if (ctx.json) return { ...sourceJson(s), facts };
    ctx.out(
      fields([
        ['id', s.id],
        ['type', s.type],
        ['title', s.title],
        ['authors', s.authors.map(nameText).join('; ')],
        ['editors', s.editors.map(nameText).join('; ')],
        ['container', s.containerTitle],
        ['publisher', [s.publisher, s.publisherPlace].filter(Boolean).join(', ')],
        ['issued', s.issued],
        ['accessed', s.accessed],
        ['url', s.url],
        ['doi', s.doi],
        ['pages', s.pages],
        ['reliability', s.reliability],
        ['notes', s.notes],
        ['facts', String(facts.length)],
      ]),
    );
    if (facts.length)
      ctx.out(
        '\n' +
          table(
            ['id', 'kind', 'at', 'fact'],
            facts.map((f) => [shortId(f.id), f.kind, locatorText(f), f.text]),
          ),
      );
    return undefined;
  },
};

export const sourceEditCommand: Command = {
  name: ['source', 'edit'],
  summary: 'change fields of a source (an empty value clears an optional field)',
  usage: 'dossier source edit ID [--title T] [--author NAME]… [options]',
  help: SOURCE_HELP,
  options: SOURCE_OPTIONS,
  run(ctx) {
    const id = need(ctx, 0, 'source ID');
    const patch = sourceFromOptions(ctx.values);
    if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give at least one field option');
    const s = ctx.library().updateSource(id, patch);
    if (ctx.json) return sourceJson(s);
    ctx.out(`Updated source ${s.id}: ${sourceLabel(s)}`);
    return undefined;
  },
};

export const sourceRmCommand: Command = {
  name: ['source', 'rm'],
  summary: 'delete a source (refused while it has facts, unless --cascade)',
  usage: 'dossier source rm ID [--cascade]',
  options: { cascade: { type: 'boolean' } },
  run(ctx) {
    const lib = ctx.library();
    const s = lib.getSource(need(ctx, 0, 'source ID'));
    const r = lib.removeSource(s.id, { cascade: flag(ctx.values, 'cascade') });
    if (ctx.json) return { removed: s.id, removedFacts: r.removedFacts };
    ctx.out(`Deleted source "${s.title}"` + (r.removedFacts ? ` and its ${r.removedFacts} fact(s).` : '.'));
    return undefined;
  },
};

export const sourcesExportCommand: Command = {
  name: ['sources', 'export'],
  summary: 'write your sources as CSL-JSON (Zotero, pandoc), BibTeX (BibLaTeX) or RIS',
  usage: 'dossier sources export --format csl-json|bibtex|ris --out FILE',
  help: `  --format F   csl-json (default), bibtex or ris
               bibtex writes BibLaTeX's entry types and fields (@thesis, @online,
               @incollection; shorttitle, abstract, keywords, language): use biber.`,
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const format = str(ctx.values, 'format') ?? 'csl-json';
    if (format !== 'csl-json' && format !== 'bibtex' && format !== 'ris') throw new UsageError('--format must be csl-json, bibtex or ris');
    const out = str(ctx.values, 'out');
    if (!out) throw new UsageError('missing --out FILE');
    const { exportBibtex, exportCslJson, exportRis } = await import('../../ingest/biblio/export');
    const { writeFileAtomic } = await import('../../core/write-file');
    const sources = ctx.library().listSources();
    const text = format === 'bibtex' ? exportBibtex(sources) : format === 'ris' ? exportRis(sources) : exportCslJson(sources);
    await writeFileAtomic(out, text);
    if (ctx.json) return { path: out, format, sources: sources.length };
    ctx.out(`Wrote ${sources.length} source(s) to ${out} (${format}).`);
    return undefined;
  },
};

export const sourceMergeCommand: Command = {
  name: ['source', 'merge'],
  summary: 'fold a duplicate source into the one to keep (facts move, empty fields are filled)',
  usage: 'dossier source merge KEEP DUPLICATE',
  run(ctx) {
    const r = ctx.library().mergeSources(need(ctx, 0, 'KEEP (source id)'), need(ctx, 1, 'DUPLICATE (source id)'));
    if (ctx.json) return { source: sourceJson(r.source), movedFacts: r.movedFacts, mergedFacts: r.mergedFacts };
    ctx.out(`Merged into "${r.source.title}": ${r.movedFacts} fact(s) moved` + (r.mergedFacts ? `, ${r.mergedFacts} identical fact(s) merged.` : '.'));
    return undefined;
  },
};
