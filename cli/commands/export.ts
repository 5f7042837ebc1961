import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DossierError } from '../../core/errors';
import { userStyleDir, userTemplateDir } from '../../core/paths';
import type { ExportFormat, ExportPhase } from '../../export/export-briefing';
import { listTemplates, templateProblems } from '../../export/template/index';
import { removeLeftovers } from '../../db/leftovers';
import { Library } from '../../db/library';

const EXPORT_FORMATS = ['docx', 'markdown', 'text'] as const;
const PHASES: Record<ExportPhase, string> = {
  citations: 'Rendering citations',
  document: 'Laying out the document',
  writing: 'Writing the file',
  checks: 'Pre-flight checks',
};

// The citation engine and the Word writer load on demand: listing facts needs neither.
const exporting = () => import('../../export/export-briefing');
const checking = async () => ({ ...(await import('../../export/assemble')), ...(await import('../../export/preflight')) });
const citations = () => import('../../citations/index');
import { Cancelled, cancelOnSigint, isAbort } from '../cancel';
import type { Command, Values } from '../command';
import { checkNotes, checkStyle, checkTemplate } from '../choices';
import { UsageError, flag, need, str } from '../command';
import { groupWarnings } from '../../core/warning-groups';
import { progressBar } from '../progress';
import { shortId, table } from '../table';

function dirs(v: Values): { styleDir: string; templateDir: string } {
  return { styleDir: str(v, 'style-dir') ?? userStyleDir(), templateDir: str(v, 'template-dir') ?? userTemplateDir() };
}

const DIR_OPTIONS = { 'style-dir': { type: 'string' }, 'template-dir': { type: 'string' } } as const;

export const exportCommand: Command = {
  name: ['export'],
  summary: 'write a briefing as Word (.docx), Markdown or plain text, citations included',
  usage: 'dossier export BRIEF --out FILE.docx [--style ID] [--notes footnotes|endnotes] [--template ID] [--format docx|markdown|text]',
  help: `  --out FILE|FOLDER    where to write; a folder gets a file named after the briefing
  --style ID           citation style for this export (see: dossier styles)
  --notes N            footnotes or endnotes (note styles only)
  --template ID        lay the briefing out with another template
  --format F           docx, markdown or text (default: from the file extension)
  --stale-days N       pre-flight: flag facts not verified for N days (default 90)
The pre-flight check runs too; its warnings are printed, never blocking.
The file is written atomically: a failed export leaves any existing file untouched, and
Ctrl+C stops it with nothing written (exit code 130).`,
  options: {
    out: { type: 'string' },
    style: { type: 'string' },
    notes: { type: 'string' },
    template: { type: 'string' },
    format: { type: 'string' },
    'stale-days': { type: 'string' },
    ...DIR_OPTIONS,
  },
  async run(ctx) {
    const v = ctx.values;
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const out = str(v, 'out');
    if (!out) throw new UsageError('missing --out FILE');
    const notesGiven = str(v, 'notes');
    const notes = notesGiven === undefined ? undefined : checkNotes(notesGiven);
    const format = str(v, 'format');
    if (format !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const { styleDir, templateDir } = dirs(v);
    if (str(v, 'template') !== undefined) checkTemplate(str(v, 'template')!, templateDir);
    if (str(v, 'style') !== undefined) await checkStyle(str(v, 'style')!, styleDir);
    // Temporary files of exports that were killed: --out is the folder, or a file in it.
    removeLeftovers([resolve(out), dirname(resolve(out))]);
    const cancel = cancelOnSigint();
    const bar = progressBar();
    // Started first: the thread loads citeproc while this one opens the library and the briefing.
    const thread = ctx.renderThread?.();
    const { exportBriefing } = await exporting();
    const r = await exportBriefing(ctx.library(), brief, {
      signal: cancel.signal,
      ...(ctx.json ? {} : { onPhase: (p: ExportPhase) => bar.onProgress({ phase: PHASES[p], done: 0 }) }),
      ...(thread ? { renderHelper: thread.helper } : {}),
      out: resolve(out),
      ...(format ? { format: format as ExportFormat } : {}),
      ...(str(v, 'style') ? { styleId: str(v, 'style')! } : {}),
      ...(notes ? { notes } : {}),
      ...(str(v, 'template') ? { templateId: str(v, 'template')! } : {}),
      ...(existsSync(styleDir) ? { styleDir } : {}),
      templateDir,
      ...(str(v, 'stale-days') ? { staleDays: Number(str(v, 'stale-days')) } : {}),
    })
      .catch((e: unknown) => {
        throw isAbort(e) ? new Cancelled('cancelled; nothing was exported') : e;
      })
      .finally(() => {
        bar.done();
        cancel.release();
        thread?.close();
      });
    if (ctx.json) return r;
    ctx.out(`Wrote ${r.path} (${r.format}, ${(r.bytes / 1024).toFixed(0)} KiB, ${r.notes} citation(s)).`);
    ctx.out(
      r.version === undefined
        ? `SHA-256 ${r.sha256} (not recorded in the briefing's history: the library is read-only)`
        : `Version ${r.version}, SHA-256 ${r.sha256} (see: dossier brief history)`,
    );
    if (r.warnings.length) ctx.out(`\nPre-flight: ${warningSummary(r.warnings)}\nRun \`dossier brief check\` for the full list.`);
    return undefined;
  },
};

export const briefCheckCommand: Command = {
  name: ['brief', 'check'],
  summary: 'pre-flight check: undated or unverified sources, weak single sources, empty sections, house-style limits',
  usage: 'dossier brief check BRIEF [--stale-days N] [--all]',
  help: `  --stale-days N       a fact verified longer ago than this is flagged (default 90)
  --all                under a line that groups several warnings, list each one`,
  options: { 'stale-days': { type: 'string' }, all: { type: 'boolean' }, ...DIR_OPTIONS },
  async run(ctx) {
    const { templateDir } = dirs(ctx.values);
    const { assembleBriefing, preflight, preflightReady, withCorroboration } = await checking();
    const stale = str(ctx.values, 'stale-days');
    if (stale !== undefined && !/^\d+$/.test(stale)) throw new UsageError('--stale-days must be a whole number');
    const lib = ctx.library();
    const a = assembleBriefing(lib, need(ctx, 0, 'BRIEF (id or title)'), { templateDir });
    await preflightReady(a);
    const warnings = preflight(a, withCorroboration(lib, a, stale ? { staleDays: Number(stale) } : {}));
    if (ctx.json) return { briefing: a.briefing.id, banner: a.doc.banner ?? null, warnings };
    if (!warnings.length) return ctx.out(`"${a.briefing.title}": no warnings.`);
    // Several warnings of one kind read as one line with a count and the facts' ids; --all
    // lists each one's own message under it.
    const all = flag(ctx.values, 'all');
    const lines = groupWarnings(warnings).flatMap((g) =>
      g.warnings.length === 1
        ? [`  ! ${g.title}`]
        : [`  ! ${g.title}: ${g.warnings.map((w) => shortId(w.factId!)).join(', ')}`, ...(all ? g.warnings.map((w) => `      - ${w.message}`) : [])],
    );
    ctx.out(`"${a.briefing.title}": ${warnings.length} warning(s)\n` + lines.join('\n'));
    return undefined;
  },
};

export const stylesCommand: Command = {
  name: ['styles'],
  summary: "list citation styles, or add your office's own .csl style (styles add FILE.csl)",
  usage: 'dossier styles [add FILE.csl]',
  options: DIR_OPTIONS,
  async run(ctx) {
    const { styleDir } = dirs(ctx.values);
    const { importUserStyle, listStyles, parentLookup } = await citations();
    if (ctx.positionals[0] === 'add') {
      const file = need(ctx, 1, 'FILE.csl');
      let info;
      try {
        info = importUserStyle(readFileSync(file, 'utf8'), basename(file), parentLookup(existsSync(styleDir) ? styleDir : undefined));
      } catch (e) {
        throw new DossierError('validation', (e as Error).message, 'style');
      }
      mkdirSync(styleDir, { recursive: true });
      copyFileSync(file, join(styleDir, `${basename(file, '.csl')}.csl`));
      if (ctx.json) return info;
      const on = info.parent ? `, formatted as its parent ${info.parent}` : '';
      ctx.out(`Added style "${info.title}" (${info.id}, ${info.class}${on}). Use it with --style ${info.id}.`);
      return undefined;
    }
    const styles = listStyles(existsSync(styleDir) ? styleDir : undefined);
    if (ctx.json) return styles;
    ctx.out(
      table(
        ['id', 'class', 'ibid', 'source', 'title'],
        styles.map((s) => [s.id, s.class, s.ibid === undefined ? '' : s.ibid ? 'yes' : 'no', s.source, s.title]),
      ),
    );
    return undefined;
  },
};

export const templatesCommand: Command = {
  name: ['templates'],
  summary: 'list briefing templates (built-in and your own)',
  usage: 'dossier templates',
  options: DIR_OPTIONS,
  noLibrary: true,
  run(ctx) {
    const { templateDir } = dirs(ctx.values);
    const list = listTemplates(templateDir);
    const problems = templateProblems(templateDir);
    if (ctx.json) return { templates: list, problems };
    ctx.out(
      table(
        ['id', 'source', 'name — description'],
        list.map((t) => [t.id, t.source, `${t.name} — ${t.description}`]),
      ),
    );
    for (const p of problems) ctx.out(`  ! ${p.message}`);
    return undefined;
  },
};

export const sampleCommand: Command = {
  name: ['sample'],
  summary: 'build the sample library and action memo, and export it to Word',
  usage: 'dossier sample [--out FOLDER]',
  help: `Creates FOLDER/sample-library.sqlite (invented sources and facts) with an action memo,
and writes FOLDER/<memo title>.docx. FOLDER defaults to ./dossier-sample.`,
  options: { out: { type: 'string' } },
  noLibrary: true,
  async run(ctx) {
    const dir = resolve(str(ctx.values, 'out') ?? 'dossier-sample');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'sample-library.sqlite');
    if (existsSync(path)) throw new DossierError('conflict', `${path} already exists; choose another --out folder or delete it.`);
    const lib = Library.open(path);
    try {
      const { loadSample } = await import('../../samples/load');
      const id = loadSample(lib);
      const { exportBriefing } = await exporting();
      const r = await exportBriefing(lib, id, { out: dir });
      if (ctx.json) return { library: path, ...r };
      ctx.out(`Sample library: ${path}\nSample memo:    ${r.path} (${r.notes} citations)\n\nTry: dossier --library "${path}" facts --search corridor`);
      return undefined;
    } finally {
      lib.close();
    }
  },
};

/** "12 warnings: 9 not verified, 3 single weak source" and the first few, for after an export. */
function warningSummary(warnings: { code: string; message: string }[]): string {
  const byCode = new Map<string, number>();
  for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  const head = `${warnings.length} warning(s): ${[...byCode].map(([c, n]) => `${n} ${c.replace(/-/g, ' ')}`).join(', ')}`;
  const shown = warnings.slice(0, 5).map((w) => `  ! ${w.message}`);
  return [head, ...shown, ...(warnings.length > 5 ? [`  … and ${warnings.length - 5} more`] : [])].join('\n');
}
