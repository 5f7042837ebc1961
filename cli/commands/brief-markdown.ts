import { resolve } from 'node:path';
import { lineColumn } from '../../core/citation-marks';
import { DossierError } from '../../core/errors';
import { userStyleDir, userTemplateDir } from '../../core/paths';
import type { Library } from '../../db/library';
import { currentNotes } from '../../export/briefing-versions';
import { dateRulesFor, getTemplate } from '../../export/template/index';
import { writeFileAtomic } from '../../core/write-file';
import { readInput } from '../read-input';
import { checkMarking, checkNotes, checkStyle, checkTemplate } from '../choices';
import type { Command } from '../command';
import { briefingMarkdown } from '../briefing-markdown';
import { need, str, UsageError } from '../command';

const FORMAT_HELP = `The file: a front matter block (template, title, style, notes, marking, portionMarks,
derivedFrom, fields), then "## Heading {#key}" per section. Prose is Markdown with pandoc
citations, [see @FACTID, p. 4; @FACTID2]; a blank line starts the next prose item, and
"::: prose" … ":::" holds an item of several paragraphs. A placed fact is
"::: {.fact fact=FACTID locator="page 4" lead="Topic" marking="CUI"}", its wording here as
the body, then ":::". See README ("Briefings as Markdown").`;

export const briefExportMdCommand: Command = {
  name: ['brief', 'export-md'],
  summary: 'write a briefing as Markdown with citations, to edit anywhere and read back with brief import',
  usage: 'dossier brief export-md BRIEF [--out FILE.md]',
  help: `  --out FILE           write the file (atomically) instead of printing it
${FORMAT_HELP}`,
  options: { out: { type: 'string' } },
  async run(ctx) {
    const { exportBriefingMarkdown } = await briefingMarkdown();
    const markdown = exportBriefingMarkdown(ctx.library(), need(ctx, 0, 'BRIEF (id or title)'));
    const out = str(ctx.values, 'out');
    if (out === undefined) {
      if (ctx.json) return { markdown };
      ctx.out(markdown.replace(/\n$/, ''));
      return undefined;
    }
    const path = resolve(out);
    await writeFileAtomic(path, markdown);
    if (ctx.json) return { path, bytes: Buffer.byteLength(markdown) };
    ctx.out(`Wrote ${path}.`);
    return undefined;
  },
};

export const briefImportCommand: Command = {
  name: ['brief', 'import'],
  summary: 'create a briefing from a Markdown file (as brief export-md writes it); all or nothing',
  usage: 'dossier brief import FILE.md|-',
  help: `  -                    read the file from standard input
  --template-dir DIR   your own templates (default: the user template folder)
Fact ids may be shortened to their first 6 or more characters. An unknown or ambiguous id,
or anything else wrong in the file, is reported with its line and column, and nothing is written.
An unknown template, style, notes or marking in the front matter is a usage error (exit 1)
naming the valid ones, as on brief new and brief set.
${FORMAT_HELP}`,
  options: { 'template-dir': { type: 'string' } },
  async run(ctx) {
    const file = need(ctx, 0, 'FILE.md (or - for standard input)');
    const bytes = file === '-' ? await ctx.readStdin() : await readInput(file);
    const where = file === '-' ? 'standard input' : file;
    const templateDir = str(ctx.values, 'template-dir') ?? userTemplateDir();
    const { decodeBriefingFile, importBriefingMarkdown } = await briefingMarkdown();
    let b;
    try {
      const text = decodeBriefingFile(bytes);
      await checkFrontMatterChoices(ctx.library(), text, where, templateDir);
      b = importBriefingMarkdown(ctx.library(), text, { template: (id) => getTemplate(id, templateDir), dates: dateRulesFor(templateDir) });
    } catch (e) {
      if (e instanceof DossierError && e.field === 'markdown') throw new DossierError(e.code, `${where}: ${e.message}; nothing was imported`, e.field);
      throw e;
    }
    // The imported text is version 1 of the briefing: what came in, before any edit here.
    const lib = ctx.library();
    lib.storeVersion(b.id, 'import', currentNotes(lib, b.id, { templateDir }));
    if (ctx.json) return b;
    const items = b.sections.reduce((n, s) => n + s.items.length, 0);
    ctx.out(`Imported briefing ${b.id} "${b.title}" (${b.templateId}): ${b.sections.length} sections, ${items} items.`);
    return undefined;
  },
};

/**
 * The front matter's template, style, notes and marking checked as `brief new` and `brief set`
 * check their options, before anything is written: an unknown one is a usage error at its
 * line and column that names the valid ones.
 */
async function checkFrontMatterChoices(lib: Library, text: string, where: string, templateDir: string): Promise<void> {
  const { src, front } = (await briefingMarkdown()).parseBriefingMarkdown(text);
  const checks: Record<string, (value: string) => unknown> = {
    template: (v) => checkTemplate(v, templateDir, 'template'),
    style: (v) => checkStyle(v, userStyleDir(), 'style'),
    notes: (v) => checkNotes(v, 'notes'),
    marking: (v) => checkMarking(lib, v, 'marking'),
  };
  for (const [key, check] of Object.entries(checks)) {
    const entry = front.values.get(key);
    if (typeof entry?.value !== 'string' || entry.value === '') continue;
    try {
      await check(entry.value);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      const at = lineColumn(src, entry.at);
      throw new UsageError(`${where}: line ${at.line}, column ${at.column}: ${e.message}; nothing was imported`);
    }
  }
}
