import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DossierError } from '../../core/errors';
import type { Command } from '../command';
import { flag, list, need, str } from '../command';
import { sourceJson, sourcePreviewJson } from '../format';
import { progressBar } from '../progress';
import { SOURCE_HELP, SOURCE_OPTIONS, sourceFromOptions } from '../source-options';
import { table } from '../table';

export const importCommand: Command = {
  name: ['import'],
  summary: 'capture a file — text, Markdown, web page, PDF, Word, or BibTeX/RIS/CSL-JSON references',
  usage: 'dossier import FILE|- [--title T] [--author NAME]… [options]',
  help: `The format is read from the file's content. Documents become one source whose sentences
are candidate facts (PDF facts keep their page); reference files (BibTeX, RIS, CSL-JSON)
become sources, merged with those you already have (same DOI, URL, or title and year).
Without --keep, all candidates are kept. The import is one transaction: an error or Ctrl+C
leaves the library exactly as it was. Plain text and Markdown are imported up to 5 MB at a
time (about 800,000 words); split a larger file by chapter or section.
  --keep all|1,3-5     keep only these candidates (numbers from --dry-run)
  --paragraphs         one candidate per paragraph instead of per sentence
  --dry-run            print the candidate facts (or sources), write nothing
  --tag TAG            tag every imported fact (repeatable)
  --source ID          add to an existing source instead of describing a new one
  --markdown           treat text as Markdown (automatic for .md files)
  --accept-suggestions save the suggested attribution and event date with each fact
                       (--dry-run shows them: who said it, when, the figure, near-duplicates)
Metadata found in the file (title, authors, date, URL …) is used; options override it.

${SOURCE_HELP}`,
  options: {
    ...SOURCE_OPTIONS,
    keep: { type: 'string' },
    paragraphs: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    source: { type: 'string' },
    markdown: { type: 'boolean' },
    'accept-suggestions': { type: 'boolean' },
  },
  async run(ctx) {
    const file = need(ctx, 0, 'FILE (or - for standard input)');
    const bytes = file === '-' ? await ctx.readStdin() : await readInput(file);
    const fileName = file === '-' ? (flag(ctx.values, 'markdown') ? 'standard-input.md' : 'standard-input.txt') : basename(file);
    const v = ctx.values;
    const dryRun = flag(v, 'dry-run');
    const abort = new AbortController();
    const onSigint = () => abort.abort(new DOMException('Import cancelled', 'AbortError'));
    process.once('SIGINT', onSigint);
    const bar = ctx.json ? { onProgress: () => undefined, done: () => undefined } : progressBar();
    try {
      const lib = ctx.library();
      // Loaded on demand: pdf.js, mammoth and citation-js are most of the command line's code.
      const { readDocument, sniffFormat } = await import('../../ingest/formats/index');
      const { parseBibliography, importSources } = await import('../../ingest/biblio/index');
      const { captureDocument } = await import('../../ingest/capture');
      const format = sniffFormat(bytes, fileName);
      if (format === 'bibtex' || format === 'ris' || format === 'csl-json') {
        const parsed = parseBibliography(new TextDecoder().decode(bytes), format, { signal: abort.signal, onProgress: bar.onProgress });
        const r = importSources(lib, parsed.items, { dryRun, signal: abort.signal, onProgress: bar.onProgress });
        bar.done();
        const summary = { format, dryRun, created: r.created.map(sourceJson), merged: r.merged.map((m) => ({ id: m.existing.id, fieldsFilled: m.fieldsFilled })), skipped: r.skipped, warnings: parsed.warnings };
        if (ctx.json) return summary;
        ctx.out(`${dryRun ? 'Would import' : 'Imported'} ${r.created.length} new source(s), merged ${r.merged.length} with existing ones, skipped ${r.skipped.length}.`);
        for (const w of [...parsed.warnings, ...r.skipped.map((s) => s.problem)]) ctx.out(`  ! ${w}`);
        return undefined;
      }
      const doc = await readDocument(bytes, { fileName, signal: abort.signal, onProgress: bar.onProgress });
      if (format === 'text' && !flag(v, 'markdown')) doc.source.type = 'article-newspaper';
      if (file === '-') delete doc.source.title;
      const sourceId = str(v, 'source');
      const keep = str(v, 'keep');
      const r = captureDocument(lib, doc, {
        ...(sourceId ? { sourceId } : { source: sourceFromOptions(v) }),
        ...(keep ? { keep } : {}),
        paragraphs: flag(v, 'paragraphs'),
        tags: list(v, 'tag'),
        dryRun,
        acceptSuggestions: flag(v, 'accept-suggestions'),
        signal: abort.signal,
        onProgress: bar.onProgress,
      });
      bar.done();
      if (ctx.json) {
        const facts = dryRun ? r.candidates.map((c) => ({ ...c, tags: list(v, 'tag') })) : r.facts;
        const src = 'createdAt' in r.source ? sourceJson(r.source) : sourcePreviewJson(r.source);
        return { format: r.format, source: src, sourceCreated: r.sourceCreated, dryRun, facts, duplicates: r.duplicates, warnings: r.warnings };
      }
      for (const w of r.warnings) ctx.out(`! ${w}`);
      const rows = r.candidates.map((c) => [String(c.index), `${c.locator.label === 'page' ? 'p.' : '¶'}${c.locator.value}`, c.kind, c.text + suggestionText(c)]);
      if (dryRun) return ctx.out(`${table(['#', 'at', 'kind', 'candidate fact'], rows)}\n\n${r.candidates.length} candidate facts (dry run: nothing written). Keep some with --keep 1,3-5.`);
      const where = r.sourceCreated ? 'new source' : 'existing source';
      ctx.out(`Imported ${r.facts.length} fact(s) into ${where} "${r.source.title}" (${(r.source as { id: string }).id})` + (r.duplicates ? `; ${r.duplicates} already present, skipped.` : '.'));
      return undefined;
    } catch (e) {
      bar.done();
      if (e instanceof DOMException && e.name === 'AbortError') throw new DossierError('validation', 'import cancelled; the library was not changed', 'import');
      throw e;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message;
    throw new DossierError('io', `${file}: ${why}`);
  }
}

/** The suggestions of a candidate, for the dry-run table: "  [who: … · when: … · figure: … · duplicate of …]". */
function suggestionText(c: import('../../ingest/candidates').Candidate): string {
  const parts: string[] = [];
  if (c.attribution) parts.push(`who: ${[c.attribution.name, c.attribution.role].filter(Boolean).join(', ') || '—'}${c.attribution.viaOutlet ? ` via ${c.attribution.viaOutlet}` : ''}`);
  if (c.eventDate) parts.push(`when: ${c.eventDate}`);
  if (c.statistic) parts.push(`figure: ${c.statistic.figure}`);
  if (c.duplicates?.length) parts.push(`restates fact ${c.duplicates[0]!.factId.slice(0, 8)} (${Math.round(c.duplicates[0]!.similarity * 100)}%)`);
  return parts.length ? `  [${parts.join(' · ')}]` : '';
}
