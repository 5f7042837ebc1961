import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { DossierError, invalid } from '../core/errors';
import type { Library } from '../db/library';
import type { RenderHelper } from '../citations/split-render';
import { versionContent } from '../core/versions';
import { type AssembleOptions, type AssembledBriefing, assembleBriefing, assembleBriefingSplit } from './assemble';
import type { NotesFrom } from './assemble/cited-notes';
import { documentNotes } from './briefing-versions';
import { renderDocx, renderIntoLetterhead } from './docx/index';
import type { DocxWriteCache } from './docx/write-cache';
import { safeFileName } from '../core/file-name';
import { renderMarkdown } from './markdown';
import { renderPlainText } from './plain-text';
import { type PreflightOptions, type PreflightWarning, preflight, preflightReady, withCorroboration } from './preflight';
import { writeFileAtomic } from '../core/write-file';

export const EXPORT_FORMATS = ['docx', 'markdown', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXTENSIONS: Record<ExportFormat, string> = { docx: 'docx', markdown: 'md', text: 'txt' };

export interface ExportOptions extends AssembleOptions, PreflightOptions {
  /** A file path, or a folder (the file is then named after the briefing). */
  out: string;
  /** Default: from the file extension, else .docx. */
  format?: ExportFormat;
  /** A second citation engine (another thread) to share a one-off export's citations with. */
  renderHelper?: RenderHelper;
  /** Told as each phase starts, for a progress display. */
  onPhase?: (phase: ExportPhase) => void;
  /**
   * Cancels the export between phases and, at the latest, just before the finished file is
   * renamed into place: a cancelled export leaves no file and an existing one as it was.
   */
  signal?: AbortSignal;
}

export type ExportPhase = 'citations' | 'document' | 'writing' | 'checks';

/** What an export cancelled through its signal throws (the name `Operations` recognises). */
export class ExportCancelled extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('export cancelled');
  }
}

export interface ExportResult {
  path: string;
  format: ExportFormat;
  bytes: number;
  notes: number;
  warnings: PreflightWarning[];
  /** How many citation engines rendered the notes: 2 when a render helper shared the work. */
  citationEngines: 1 | 2;
  /** Whether the notes were rendered now or taken from those the library kept (export/note-cache.ts). */
  notesFrom: NotesFrom;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /**
   * The briefing version the file was written from (stored now, or the latest when it reads
   * the same); absent when the library is open read-only and nothing could be recorded.
   */
  version?: number;
}

/**
 * The one export path, for the command line and the app: assemble (citations rendered by
 * citeproc-js), check, render, and write atomically — a failed export leaves no half file
 * and never replaces a good one.
 */
export async function exportBriefing(lib: Library, briefingRef: string, opts: ExportOptions): Promise<ExportResult> {
  const phase = async (p: ExportPhase) => {
    // A turn of the event loop first: a cancel that came during the synchronous work before
    // (assembling runs citeproc) is only seen once its listener has run.
    if (opts.signal) await new Promise((resolve) => setImmediate(resolve));
    if (opts.signal?.aborted) throw new ExportCancelled();
    opts.onPhase?.(p);
  };
  await phase('citations');
  const assembled =
    opts.renderHelper && !opts.session
      ? await assembleBriefingSplit(lib, briefingRef, { ...opts, keepNotes: 'after' }, opts.renderHelper)
      : assembleBriefing(lib, briefingRef, { ...opts, keepNotes: 'after' });
  const format = opts.format ?? formatOf(opts.out);
  const path = targetPath(opts.out, assembled.briefing.title, format);
  await phase('document');
  const data = await render(assembled, format, opts.session?.docx);
  await phase('writing');
  await writeFileAtomic(path, data, () => {
    if (opts.signal?.aborted) throw new ExportCancelled();
  });
  const sha256 = createHash('sha256').update(data).digest('hex');
  const version = lib.readOnly ? undefined : recordExport(lib, assembled, format, path, sha256);
  assembled.keepNotes?.();
  opts.onPhase?.('checks');
  await preflightReady(assembled);
  return {
    sha256,
    ...(version === undefined ? {} : { version }),
    path,
    format,
    bytes: Buffer.byteLength(data),
    notes: countNotes(assembled),
    warnings: preflight(assembled, withCorroboration(lib, assembled, opts)),
    citationEngines: assembled.citationEngines ?? 1,
    notesFrom: assembled.notesFrom,
  };
}

/**
 * The version the file was written from: the briefing as it was assembled (an edit arriving
 * while the file was written belongs to the next version) and the notes as the file has them.
 */
function recordExport(lib: Library, a: AssembledBriefing, format: ExportFormat, path: string, sha256: string): number {
  const content = versionContent(a.briefing, (id) => a.facts.get(id)?.text ?? '');
  return lib.recordExport(a.briefing.id, { content, notes: documentNotes(a.doc), format, path, sha256 }).number;
}

export async function render(a: AssembledBriefing, format: ExportFormat, cache?: DocxWriteCache): Promise<Buffer | string> {
  if (format === 'markdown') return renderMarkdown(a.doc, a.template);
  if (format === 'text') return renderPlainText(a.doc, a.template);
  if (a.template.letterheadPath) return renderIntoLetterhead(a.doc, a.template, readFileSync(a.template.letterheadPath));
  return renderDocx(a.doc, a.template, cache ? { cache } : {});
}

function formatOf(out: string): ExportFormat {
  const ext = extname(out).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt') return 'text';
  return 'docx';
}

/**
 * The file to write: the user's folder, and a file name made safe (no path escape, no reserved
 * names or characters). A folder given as `out` gets a name from the briefing's title.
 */
export function targetPath(out: string, title: string, format: ExportFormat): string {
  if (!out.trim()) throw invalid('out', 'give a file or folder to export to');
  const ext = EXTENSIONS[format];
  if (existsSync(out) && statSync(out).isDirectory()) return join(out, safeFileName(title, ext));
  const dir = dirname(out);
  if (!existsSync(dir)) throw new DossierError('io', `could not write ${out}: the folder ${dir} does not exist`, 'out');
  const given = basename(out);
  const stem = extname(given) ? given.slice(0, -extname(given).length) : given;
  return join(dir, safeFileName(stem, ext));
}

function countNotes(a: AssembledBriefing): number {
  return a.doc.sections.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.inlines.filter((i) => i.type === 'note' || i.type === 'cite').length, 0), 0);
}
