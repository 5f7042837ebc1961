import { basename } from 'node:path';
import { DossierError } from '../../core/errors';
import { commitUnlessCancelled } from '../../db/cancellable-write';
import { nextTick } from '../../ingest/formats/abort';
import { Cancelled, cancelOnSigint, isAbort } from '../cancel';
import { PASSWORD_ENV, PASSWORD_HELP, pdfPassword } from '../pdf-password';
import { readInput } from '../read-input';
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
become sources, merged with those you already have (same DOI, URL, or title and year). The
summary counts sources created, merged, skipped (read, but not a valid source) and failed (an
entry that cannot be read, named by key and line); a field that cannot be read (LaTeX in a note
or an abstract) is left out with a warning and its entry imports. A file of which nothing can
be imported exits 2.
Without --keep, all candidates are kept, unverified; facts you choose with --keep (after
reading them with --dry-run) count as verified on the day you capture them. The import is one transaction: an error or Ctrl+C
leaves the library exactly as it was (Ctrl+C: exit code 130). Plain text and Markdown are
imported up to 5 MB at a time (about 800,000 words); split a larger file by chapter or section.
  --keep all|1,3-5     keep only these candidates (numbers from --dry-run)
  --paragraphs         one candidate per paragraph instead of per sentence
  --dry-run            print the candidate facts (or sources), write nothing
  --tag TAG            tag every imported fact (repeatable)
  --source ID          add to an existing source instead of describing a new one
  --markdown           treat text as Markdown (automatic for .md files)
  --accept-suggestions save the suggestions with each fact: who said it, when (a date or a
                       range), the figure, and the outlet that relayed it ("told Reuters": the
                       library's source of that name, else a new one). --dry-run shows them.
${PASSWORD_HELP}
A PDF's tables are not candidate facts: they are left out, and a note names their pages.
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
    'password-file': { type: 'string' },
  },
  async run(ctx) {
    const file = need(ctx, 0, 'FILE (or - for standard input)');
    const cancel = cancelOnSigint();
    const bar = ctx.json ? { onProgress: () => undefined, done: () => undefined } : progressBar();
    try {
      const bytes = file === '-' ? await ctx.readStdin() : await readInput(file);
      const fileName = file === '-' ? (flag(ctx.values, 'markdown') ? 'standard-input.md' : 'standard-input.txt') : basename(file);
      const v = ctx.values;
      const dryRun = flag(v, 'dry-run');
      const signal = cancel.signal;
      const lib = ctx.library();
      // Loaded on demand: pdf.js, mammoth and citation-js are most of the command line's code.
      const { readDocument, sniffFormat } = await import('../../ingest/formats/index');
      const { parseBibliography, importSources } = await import('../../ingest/biblio/index');
      const { planCapture, writeCaptureInBatches } = await import('../../ingest/capture');
      const format = sniffFormat(bytes, fileName);
      if (format === 'bibtex' || format === 'ris' || format === 'csl-json') {
        const parsed = parseBibliography(new TextDecoder().decode(bytes), format, { signal, onProgress: bar.onProgress });
        const r = await commitUnlessCancelled(lib.db, signal, () => importSources(lib, parsed.items, { dryRun, signal, onProgress: bar.onProgress }));
        bar.done();
        // Failed: entries the parser could not read (named by key and line). Skipped: items
        // read but refused by the library (no title, a malformed DOI …), named by the field.
        const failed = parsed.skipped;
        const skipped = r.skipped;
        const imported = r.created.length + r.merged.length;
        const counts = { created: r.created.length, merged: r.merged.length, skipped: skipped.length, failed: failed.length };
        const summary = {
          format,
          dryRun,
          counts,
          created: r.created.map(sourceJson),
          merged: r.merged.map((m) => ({ id: m.existing.id, fieldsFilled: m.fieldsFilled })),
          skipped,
          failed,
          warnings: parsed.warnings,
        };
        if (imported === 0) throw nothingImported(fileName, failed, skipped, parsed.warnings);
        if (ctx.json) return summary;
        ctx.out(
          `${dryRun ? 'Would import' : 'Imported'} ${counts.created} new source(s), merged ${counts.merged} with existing ones, skipped ${counts.skipped}, failed ${counts.failed}.${dryRun ? '' : tooLate(signal)}`,
        );
        for (const f of failed) ctx.out(`  ✗ ${f.problem}`);
        for (const w of [...parsed.warnings, ...skipped.map((s) => s.problem)]) ctx.out(`  ! ${w}`);
        return undefined;
      }
      const password = await pdfPassword(str(v, 'password-file'), ctx.env);
      const doc = await readDocument(bytes, { fileName, signal, onProgress: bar.onProgress, ...(password !== undefined ? { password } : {}) }).catch(
        (e: unknown) => {
          throw e instanceof DossierError && e.code === 'password_required'
            ? new DossierError(e.code, `${e.message} (--password-file FILE, or ${PASSWORD_ENV})`, e.field)
            : e;
        },
      );
      if (format === 'text' && !flag(v, 'markdown')) doc.source.type = 'article-newspaper';
      if (file === '-') delete doc.source.title;
      const sourceId = str(v, 'source');
      const keep = str(v, 'keep');
      const options = {
        ...(sourceId ? { sourceId } : { source: sourceFromOptions(v) }),
        ...(keep ? { keep } : {}),
        // Chosen with --keep (after reading them in --dry-run): verified on capture. Without it,
        // every sentence of the file is kept unread, so none counts as verified.
        unreviewed: keep === undefined,
        paragraphs: flag(v, 'paragraphs'),
        tags: list(v, 'tag'),
        dryRun,
        acceptSuggestions: flag(v, 'accept-suggestions'),
        // The file itself is kept with its source (and stored once however often it comes).
        original: { bytes, fileName },
        signal,
        onProgress: bar.onProgress,
      };
      // Finding the candidates is the long part of a large import and writes nothing: a
      // Ctrl+C during it stops the import before the write begins.
      const plan = planCapture(lib, doc, options);
      const r =
        'result' in plan
          ? await afterTurn(signal, plan.result)
          : await commitUnlessCancelled(lib.db, signal, (between) => writeCaptureInBatches(lib, plan, options, between));
      bar.done();
      if (ctx.json) {
        const facts = dryRun ? r.candidates.map((c) => ({ ...c, tags: list(v, 'tag') })) : r.facts;
        const src = 'createdAt' in r.source ? sourceJson(r.source) : sourcePreviewJson(r.source);
        const outlets = r.outletSourcesCreated ? { outletSourcesCreated: r.outletSourcesCreated.map(sourceJson) } : {};
        return { format: r.format, source: src, sourceCreated: r.sourceCreated, dryRun, facts, duplicates: r.duplicates, warnings: r.warnings, ...outlets };
      }
      for (const w of r.warnings) ctx.out(`! ${w}`);
      const rows = r.candidates.map((c) => [
        String(c.index),
        `${c.locator.label === 'page' ? 'p.' : '¶'}${c.locator.value}`,
        c.kind,
        c.text + suggestionText(c),
      ]);
      if (dryRun)
        return ctx.out(
          `${table(['#', 'at', 'kind', 'candidate fact'], rows)}\n\n${r.candidates.length} candidate facts (dry run: nothing written). Keep some with --keep 1,3-5.`,
        );
      const where = r.sourceCreated ? 'new source' : 'existing source';
      ctx.out(
        `Imported ${r.facts.length} fact(s) into ${where} "${r.source.title}" (${(r.source as { id: string }).id})` +
          (r.duplicates ? `; ${r.duplicates} already present, skipped.` : '.') +
          tooLate(signal),
      );
      for (const o of r.outletSourcesCreated ?? []) ctx.out(`New source for the outlet "${o.title}" (${o.id}), which relayed some of them.`);
      return undefined;
    } catch (e) {
      bar.done();
      if (isAbort(e)) throw new Cancelled('cancelled; nothing was imported');
      throw e;
    } finally {
      cancel.release();
    }
  },
};

/**
 * Ctrl+C that came while the import was being committed is seen only once it is complete:
 * say so rather than pretend it was rolled back.
 */
function tooLate(signal: AbortSignal): string {
  return signal.aborted ? ' (Ctrl+C came as it was being saved: the import is complete.)' : '';
}

/** `value`, unless a Ctrl+C came during the synchronous work that made it (a dry run's). */
async function afterTurn<T>(signal: AbortSignal, value: T): Promise<T> {
  await nextTick();
  signal.throwIfAborted();
  return value;
}

/** A reference file of which nothing could be imported: exit 2, naming the first reason (the file was not written to). */
function nothingImported(fileName: string, failed: { problem: string }[], skipped: { problem: string }[], warnings: string[]): DossierError {
  const reasons = [...failed, ...skipped];
  const first = reasons[0]?.problem ?? warnings[0] ?? 'it has no entries';
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  return new DossierError('validation', `${fileName}: nothing was imported (${failed.length} failed, ${skipped.length} skipped): ${first}${more}`, 'file');
}

/** The suggestions of a candidate, for the dry-run table: "  [who: … · when: … · figure: … · duplicate of …]". */
function suggestionText(c: import('../../ingest/candidates').Candidate): string {
  const parts: string[] = [];
  if (c.attribution)
    parts.push(
      `who: ${[c.attribution.name, c.attribution.role].filter(Boolean).join(', ') || '—'}${c.attribution.viaOutlet ? ` via ${c.attribution.viaOutlet}` : ''}`,
    );
  if (c.eventDate) parts.push(`when: ${c.eventDate}${c.eventDateEnd ? ` to ${c.eventDateEnd}` : ''}`);
  if (c.statistic) parts.push(`figure: ${c.statistic.figure}`);
  if (c.duplicates?.length) parts.push(`restates fact ${c.duplicates[0].factId.slice(0, 8)} (${Math.round(c.duplicates[0].similarity * 100)}%)`);
  return parts.length ? `  [${parts.join(' · ')}]` : '';
}
