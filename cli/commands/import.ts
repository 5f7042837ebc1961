import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DossierError } from '../../core/errors';
import { decodeText } from '../../ingest/decode-text';
import type { Command } from '../command';
import { flag, list, need, str } from '../command';
import { sourceJson, sourcePreviewJson } from '../format';
import { SOURCE_HELP, SOURCE_OPTIONS, sourceFromOptions } from '../source-options';
import { table } from '../table';

export const importCommand: Command = {
  name: ['import'],
  summary: 'capture a text or Markdown file (or standard input) as facts of one source',
  usage: 'dossier import FILE|- --title T [--author NAME]… [options]',
  help: `Splits the text into sentences; each becomes a candidate fact. Without --keep, all are kept.
  --keep all|1,3-5     keep only these candidates (numbers from --dry-run)
  --paragraphs         one candidate per paragraph instead of per sentence
  --dry-run            print the candidate facts, write nothing
  --tag TAG            tag every imported fact (repeatable)
  --source ID          add to an existing source instead of describing a new one
  --markdown           treat the input as Markdown (automatic for .md files)
Re-importing the same text for the same source adds no duplicate facts.

${SOURCE_HELP}`,
  options: {
    ...SOURCE_OPTIONS,
    keep: { type: 'string' },
    paragraphs: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    source: { type: 'string' },
    markdown: { type: 'boolean' },
  },
  async run(ctx) {
    const file = need(ctx, 0, 'FILE (or - for standard input)');
    const bytes = file === '-' ? await ctx.readStdin() : await readInput(file);
    const text = decodeText(bytes, file === '-' ? 'standard input' : file);
    const v = ctx.values;
    const source = sourceFromOptions(v);
    if (!source.type) source.type = 'article-newspaper';
    const dryRun = flag(v, 'dry-run');
    const keep = str(v, 'keep');
    const sourceId = str(v, 'source');
    const r = ctx.library().importText({
      text,
      ...(sourceId ? { sourceId } : { source }),
      ...(keep ? { keep } : {}),
      paragraphs: flag(v, 'paragraphs'),
      markdown: flag(v, 'markdown') || ['.md', '.markdown'].includes(extname(file).toLowerCase()),
      tags: list(v, 'tag'),
      dryRun,
    });
    if (ctx.json) {
      const facts = dryRun
        ? r.candidates.map((c) => ({ index: c.index, text: c.text, kind: c.kind, locator: c.locator, paragraph: c.paragraph, tags: list(v, 'tag') }))
        : r.facts;
      const src = 'createdAt' in r.source ? sourceJson(r.source) : sourcePreviewJson(r.source);
      return { source: src, sourceCreated: r.sourceCreated, dryRun, facts, duplicates: r.duplicates };
    }
    const rows = r.candidates.map((c) => [String(c.index), String(c.paragraph), c.kind, c.text]);
    const head = table(['#', '¶', 'kind', 'candidate fact'], rows);
    if (dryRun) return ctx.out(`${head}\n\n${r.candidates.length} candidate facts (dry run: nothing written). Keep some with --keep 1,3-5.`);
    const where = r.sourceCreated ? 'new source' : 'existing source';
    ctx.out(`Imported ${r.facts.length} fact(s) into ${where} "${r.source.title}" (${(r.source as { id: string }).id})` + (r.duplicates ? `; ${r.duplicates} already present, skipped.` : '.'));
    return undefined;
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
