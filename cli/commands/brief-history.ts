import { existsSync } from 'node:fs';
import { userStyleDir, userTemplateDir } from '../../core/paths';
import type { VersionDiff } from '../../core/version-diff';
import { type BriefingVersion, EDIT_PAUSE_MS, sectionParagraphs } from '../../core/versions';
import type { Command, Context } from '../command';
import { UsageError, need, str } from '../command';
import { table } from '../table';

/**
 * A briefing's history: the versions each export and each editing session stored, what
 * changed between two, and putting an old one back. "What did we send on Tuesday" is
 * `brief history`: every export with its date, file and SHA-256.
 */

// The citation engine loads on demand: listing versions needs none.
const versions = () => import('../../export/briefing-versions');

/** Where the user's own templates and styles are, as `export` finds them. */
function assembleDirs(): { templateDir: string; styleDir?: string } {
  const styleDir = userStyleDir();
  return { templateDir: userTemplateDir(), ...(existsSync(styleDir) ? { styleDir } : {}) };
}

function versionNumber(raw: string | undefined, what: string): number {
  if (raw === undefined) throw new UsageError(`missing ${what}`);
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`${what} must be a version number (see: dossier brief history)`);
  return Number(raw);
}

/**
 * Before a command writes to a briefing: if its last write is older than the editing pause,
 * the briefing as that session left it becomes a version (as the app does). Each command is a
 * process of its own, so the stored modification time tells the pause; the citation engine
 * loads only when a version is due.
 */
export async function keepSessionEnd(ctx: Context, brief: string): Promise<void> {
  const lib = ctx.library();
  const b = lib.getBriefing(brief);
  if (Date.now() - Date.parse(b.updatedAt) < EDIT_PAUSE_MS) return;
  const { EditSessions } = await versions();
  new EditSessions(lib, assembleDirs()).beforeWrite(b.id);
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export const briefHistoryCommand: Command = {
  name: ['brief', 'history'],
  summary: 'list the versions of a briefing: each export (file, SHA-256) and each editing session',
  usage: 'dossier brief history BRIEF',
  run(ctx) {
    const lib = ctx.library();
    const b = lib.getBriefing(need(ctx, 0, 'BRIEF (id or title)'));
    const list = lib.listVersions(b.id);
    if (ctx.json) return { briefing: b.id, versions: list };
    if (!list.length) return ctx.out(`"${b.title}" has no stored versions yet: one is stored at each export and after each editing pause.`);
    const rows = list.map((v) => [
      String(v.number),
      when(v.createdAt),
      v.reason,
      `${v.counts.items} items, ${v.counts.notes} notes`,
      v.exports.length ? `${v.exports.length} file(s)` : '',
    ]);
    ctx.out(`"${b.title}"\n` + table(['version', 'date (UTC)', 'reason', 'content', 'exported'], rows));
    const exports = list.flatMap((v) => v.exports);
    if (exports.length) {
      ctx.out('\nExports:');
      for (const e of exports) ctx.out(`  ${when(e.createdAt)}  version ${e.version}  ${e.format}  ${e.path}\n      sha256 ${e.sha256}`);
    }
    return undefined;
  },
};

/** A version as text: header fields, sections with numbered paragraphs, and its notes. */
function versionText(v: BriefingVersion): string {
  const c = v.content;
  const lines = [`${c.title}  (${c.templateId}) — version ${v.number}, ${v.reason}, ${when(v.createdAt)} UTC`];
  for (const [k, val] of Object.entries(c.fields)) if (val) lines.push(`  ${k}: ${val}`);
  for (const e of v.exports) lines.push(`  exported ${when(e.createdAt)} as ${e.format}: ${e.path} (sha256 ${e.sha256})`);
  for (const s of c.sections) {
    lines.push('', `${s.heading} [${s.key}]`);
    const paras = sectionParagraphs(s, c, v.notes);
    if (!paras.length) lines.push('   (empty)');
    paras.forEach((p, i) => lines.push(`${String(i + 1).padStart(3)}. ${p.text}`));
  }
  if (v.notes.length) {
    lines.push('', 'Notes');
    for (const n of v.notes) lines.push(`  ${n.number !== undefined ? `${n.number}.` : '-'} ${n.text}`);
  }
  return lines.join('\n');
}

/** `brief show BRIEF --version N`, called from briefs.ts. */
export function showVersion(ctx: Context, brief: string, raw: string): unknown {
  const v = ctx.library().getVersion(brief, versionNumber(raw, '--version N'));
  if (ctx.json) return v;
  ctx.out(versionText(v));
  return undefined;
}

export const briefDiffCommand: Command = {
  name: ['brief', 'diff'],
  summary: 'what changed between two versions of a briefing (M default: the briefing as it is now)',
  usage: 'dossier brief diff BRIEF N [M]',
  async run(ctx) {
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const from = versionNumber(ctx.positionals[1], 'N');
    const to = ctx.positionals[2] === undefined ? undefined : versionNumber(ctx.positionals[2], 'M');
    const { diffBriefingVersions } = await versions();
    const d = diffBriefingVersions(ctx.library(), brief, from, to, assembleDirs());
    if (ctx.json) return d;
    ctx.out(`Version ${from} → ${to === undefined ? 'now' : `version ${to}`}`);
    ctx.out(diffText(d));
    return undefined;
  },
};

/** A diff as text: `-` before, `+` after, `~` changed. */
function diffText(d: VersionDiff): string {
  if (d.unchanged) return '  no changes';
  const lines: string[] = [];
  for (const s of d.settings) lines.push(`  ~ ${s.setting}: ${s.before ?? '(none)'} → ${s.after ?? '(none)'}`);
  for (const s of d.sections) {
    const rename = s.headingBefore !== undefined ? ` (was "${s.headingBefore}")` : '';
    lines.push('', `${s.heading} [${s.key}]${s.status === 'changed' ? '' : ` — section ${s.status}`}${rename}`);
    for (const c of s.changes) {
      if (c.kind === 'added') lines.push(`  + ${c.at + 1}. ${c.after}`);
      else if (c.kind === 'removed') lines.push(`  - ${c.at + 1}. ${c.before}`);
      else lines.push(`  ~ ${c.at + 1}. ${c.before}`, `    → ${c.after}`);
    }
  }
  if (d.notes.length) {
    lines.push('', 'Notes');
    const label = (n?: { number?: number }) => (n?.number !== undefined ? `note ${n.number}` : 'citation');
    for (const n of d.notes) {
      if (n.kind === 'added') lines.push(`  + ${label(n.after)}: ${n.after!.text}`);
      else if (n.kind === 'removed') lines.push(`  - ${label(n.before)}: ${n.before!.text}`);
      else {
        const moved = n.before!.number !== n.after!.number && n.after!.number !== undefined ? ` (now ${n.after!.number})` : '';
        lines.push(`  ~ ${label(n.before)}${moved}: ${n.before!.text}`, `    → ${n.after!.text}`);
      }
    }
  }
  return lines.join('\n');
}

export const briefRestoreCommand: Command = {
  name: ['brief', 'restore'],
  summary: 'put an old version of a briefing back, as a new version (the current state is kept too)',
  usage: 'dossier brief restore BRIEF --version N',
  options: { version: { type: 'string' } },
  async run(ctx) {
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const n = versionNumber(str(ctx.values, 'version'), '--version N');
    const { restoreBriefingVersion } = await versions();
    const lib = ctx.library();
    const r = restoreBriefingVersion(lib, brief, n, assembleDirs());
    if (ctx.json) return r;
    const title = lib.getBriefing(brief).title;
    if (!r.changed) ctx.out(`"${title}" already reads as version ${n}; nothing to restore (latest: version ${r.number}).`);
    else
      ctx.out(
        `Restored version ${n} of "${title}" as version ${r.number}. What it replaced is version ${r.previous}: \`dossier brief restore ${JSON.stringify(title)} --version ${r.previous}\` undoes this.`,
      );
    return undefined;
  },
};
