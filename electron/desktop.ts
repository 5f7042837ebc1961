import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Envelope, ExportPhase, ExportResult } from '../api/contract';
import type { CallContext } from '../api/handlers';
import { CoreCallError, type CoreRestart } from '../api/host/client';
import type { CoreLink } from '../api/host/core-service';
import { repeatableAfterRestart } from '../api/repeatable-calls';
import { DossierError, isDossierError } from '../core/errors';
import { safeFileName } from '../core/file-name';
import { type Emit, isAbort, type OperationContext, Operations } from './operations';
import { isRecentLibrary, recentBriefings, withoutBriefing, withRecentBriefing, withRecentLibrary } from './recent';
import { externalUrlAllowed } from './security/navigation';
import type { StateStore } from './state-store';
import type { BackupInfo, Canceled, ImportResult, LibraryStatus, RecentBriefing, RecentLibrary } from './types';
import type { WrittenFiles } from '../api/host/write-grants';
import type { TeamPasswords } from './team-passwords';

/**
 * What the desktop shell does, without Electron: the main process supplies the native parts
 * (dialogs, shell.openPath, openExternal) as `NativeShell`, the menu and the shell contract's
 * handlers call these methods, and tests drive them with a fake NativeShell and a real library.
 */
interface FileFilter {
  name: string;
  extensions: string[];
}

export interface NativeShell {
  saveDialog(o: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | undefined>;
  openDialog(o: { title: string; defaultPath?: string; filters: FileFilter[] }): Promise<string | undefined>;
  /** A native message box; resolves with the index of the button pressed. */
  choose(o: {
    type: 'info' | 'warning' | 'error' | 'question';
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
  }): Promise<number>;
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
  openExternal(url: string): Promise<void>;
  documentsDir(): string;
}

export interface DesktopOptions {
  /** The core: in its own process in the app (api/host/client.ts), in this one in tests. */
  core: CoreLink;
  state: StateStore;
  written: WrittenFiles;
  native: NativeShell;
  /**
   * Spends the person's latest click or key press in the window, if it is recent (see
   * security/user-gesture.ts): a link opens only right after one, never because the page asks.
   */
  userGesture(): boolean;
  emit: Emit;
  now?: () => Date;
  /** Called when recent lists or the library changed (the main process rebuilds the menu). */
  onChange?: () => void;
  /** Team passwords in the OS keychain (electron/team-passwords.ts). */
  team?: TeamPasswords;
}

/** An error envelope carried through `Operations.run` as an exception. */
class EnvelopeError extends Error {
  constructor(readonly error: { code: string; message: string; field?: string }) {
    super(error.message);
  }
}

export function toErrorEnvelope(e: unknown): Envelope<never> {
  if (isAbort(e)) return { ok: false, error: { code: 'cancelled', message: 'Cancelled' } };
  if (e instanceof EnvelopeError || e instanceof CoreCallError) return { ok: false, error: e.error };
  if (isDossierError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  return { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } };
}

const EXPORT_FILTERS: Record<'docx' | 'markdown' | 'text', FileFilter> = {
  docx: { name: 'Word document', extensions: ['docx'] },
  markdown: { name: 'Markdown', extensions: ['md'] },
  text: { name: 'Plain text', extensions: ['txt'] },
};
const EXT = { docx: 'docx', markdown: 'md', text: 'txt' } as const;
const LIBRARY_FILTER: FileFilter = { name: 'Dossier library', extensions: ['sqlite', 'dossier', 'db'] };
const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Documents', extensions: ['pdf', 'docx', 'html', 'htm', 'mhtml', 'mht', 'md', 'markdown', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** What the export's phases are called in the progress line. */
const EXPORT_PHASES: Record<ExportPhase, string> = {
  citations: 'Rendering citations',
  document: 'Laying out the document',
  writing: 'Writing the file',
  checks: 'Running the pre-flight check',
};

export class Desktop {
  readonly ops: Operations;
  private readonly now: () => Date;
  /** The library's state as the core last reported it. */
  private current: LibraryStatus = { state: 'closed' };

  constructor(private readonly o: DesktopOptions) {
    this.ops = new Operations(o.emit);
    this.now = o.now ?? (() => new Date());
  }

  get status(): LibraryStatus {
    return this.current;
  }

  private get core(): CoreLink {
    return this.o.core;
  }

  // ── The core contract ────────────────────────────────────────────────────────────────

  /** A core call through the validating dispatcher of the open library (in the core process). */
  async call(name: string, args: unknown, context: CallContext = {}): Promise<Envelope<unknown>> {
    const path = this.current.state === 'open' ? this.current.path : undefined;
    const ctx = { ...(context.progress ? { progress: context.progress } : {}), ...(context.signal ? { signal: context.signal } : {}) };
    let r: Envelope<unknown>;
    try {
      r = await this.core.request('call', [name, args], ctx).catch((e: unknown) => {
        // The core went down mid-call: a read or a set-by-id write goes to the new core once.
        if (e instanceof CoreCallError && e.error.code === 'core_restarted' && repeatableAfterRestart(name))
          return this.core.request('call', [name, args], ctx);
        throw e;
      });
    } catch (e) {
      return toErrorEnvelope(e);
    }
    if (this.o.team) r = this.o.team.afterCall(name, args, r);
    // Files the core wrote for the renderer may be opened or shown afterwards.
    if (r.ok && (name === 'briefings:export' || name === 'library:backup')) this.o.written.record((r.value as { path: string }).path);
    if (r.ok && path && name === 'briefings:remove' && Array.isArray(args) && typeof args[0] === 'string') {
      this.o.state.update((s) => withoutBriefing(s, path, args[0] as string));
      this.o.onChange?.();
    }
    return r;
  }

  /** A core call whose envelope must be ok: its value, or the error thrown as an envelope. */
  private async value<T>(name: string, args: unknown[]): Promise<T> {
    const r = await this.call(name, args);
    if (!r.ok) throw new EnvelopeError(r.error);
    return r.value as T;
  }

  /**
   * The core process stopped and a new one took over (api/host/client.ts): its library state
   * is the one to show, and the person gets one line saying what happened.
   */
  coreRestarted(r: CoreRestart): void {
    if (r.status) this.current = r.status;
    this.o.emit('library:changed', this.current);
    this.o.emit('core:restarted', { message: r.message, ...(r.during ? { during: r.during } : {}) });
    this.o.onChange?.();
  }

  // ── Libraries ────────────────────────────────────────────────────────────────────────

  /** Opens a library file (created when missing), remembers it, and tells the renderer. */
  async openLibraryAt(path: string): Promise<LibraryStatus> {
    this.assertIdle();
    const status = await this.core.request('open', [path]);
    this.current = status;
    if (status.state === 'open') this.o.state.update((s) => withRecentLibrary(s, path, this.now()));
    if (status.state === 'open' && (status.readOnly || status.notices?.length)) void this.tellHowItOpened(status);
    if (status.state === 'open' && this.o.team) void this.o.team.unlock().catch(() => undefined);
    this.o.emit('library:changed', status);
    this.o.onChange?.();
    return status;
  }

  /** A library opened read-only, or with a journal set aside: one native note, never silent. */
  private async tellHowItOpened(s: Extract<LibraryStatus, { state: 'open' }>): Promise<void> {
    const readOnly = s.readOnly
      ? [
          `${s.path} cannot be written (read-only media or folder). You can read, search and export from it; changes are refused. To change it, copy it somewhere writable and open the copy.`,
        ]
      : [];
    await this.o.native.choose({
      type: 'info',
      message: s.readOnly ? 'This library is open read-only' : 'Dossier set a leftover file aside',
      detail: [...(s.notices ?? []), ...readOnly].join('\n\n'),
      buttons: ['OK'],
      defaultId: 0,
      cancelId: 0,
    });
  }

  async chooseLibrary(): Promise<LibraryStatus | Canceled> {
    this.assertIdle();
    const path = await this.o.native.openDialog({
      title: 'Open library',
      defaultPath: this.libraryFolder(),
      filters: [LIBRARY_FILTER, { name: 'All files', extensions: ['*'] }],
    });
    return path ? await this.openLibraryAt(path) : { canceled: true };
  }

  async createLibrary(): Promise<LibraryStatus | Canceled> {
    this.assertIdle();
    const path = await this.o.native.saveDialog({
      title: 'New library',
      defaultPath: join(this.libraryFolder(), 'New library.sqlite'),
      filters: [LIBRARY_FILTER],
    });
    if (!path) return { canceled: true };
    // The save dialog asked "replace?", but a library is never replaced by an empty one.
    if (existsSync(path) && statSync(path).size > 0) {
      throw new DossierError('conflict', `${basename(path)} already exists. Choose Open library… to open it, or pick a new name.`, 'path');
    }
    return this.openLibraryAt(path);
  }

  /** Switching is allowed only to a library in the recent list (never a path the renderer made up). */
  switchLibrary(path: string): Promise<LibraryStatus> {
    if (!isRecentLibrary(this.o.state.get(), path))
      throw new DossierError('validation', 'Only a library from the recent list can be opened this way; use Open library…', 'path');
    return this.openLibraryAt(path);
  }

  recentLibraries(): RecentLibrary[] {
    return this.o.state.get().libraries.map((l) => ({ path: l.path, name: basename(l.path), openedAt: l.openedAt, exists: existsSync(l.path) }));
  }

  private libraryFolder(): string {
    const p = this.current.state === 'closed' ? undefined : this.current.path;
    return p ? dirname(p) : this.o.native.documentsDir();
  }

  // ── Backups ──────────────────────────────────────────────────────────────────────────

  /** The open library's backup folder (File ▸ Show backups folder). */
  backupDir(): Promise<string> {
    return this.core.request('backupDir', []);
  }

  async backups(): Promise<BackupInfo[]> {
    if (this.current.state === 'closed') return [];
    return (await this.core.request('backups', [])).map(({ name, createdAt, bytes }) => ({ name, createdAt, bytes }));
  }

  backupNow(opId = this.ops.newId()): Promise<BackupInfo> {
    return this.ops.run('backup', opId, 'Backing up the library', async (ctx) => {
      ctx.progress('Checking the library');
      const b = await this.core.request('backupNow', [], { signal: ctx.signal });
      ctx.progress('Backup verified', 1, 1);
      this.current = await this.core.request('status', []);
      this.o.emit('library:changed', this.status);
      return { name: b.name, createdAt: b.createdAt, bytes: b.bytes };
    });
  }

  /** The daily automatic backup (skipped for a library that failed its check). */
  async backupIfDue(): Promise<BackupInfo | { skipped: string }> {
    if (this.ops.size > 0) return { skipped: 'another operation is running' };
    const r = await this.core.request('backupIfDue', []);
    if ('skipped' in r) return r;
    this.current = await this.core.request('status', []);
    this.o.emit('library:changed', this.status);
    return { name: r.name, createdAt: r.createdAt, bytes: r.bytes };
  }

  /** Restore a backup of the rotation, by name, after the user confirms in a native dialog. */
  async restoreByName(opId: string, name: string): Promise<LibraryStatus | Canceled> {
    const entry = (await this.core.request('backups', [])).find((b) => b.name === name);
    if (!entry) throw new DossierError('not_found', `No backup named ${name}`);
    return this.restore(opId, entry.path, entry.createdAt);
  }

  /** File ▸ Restore backup…: any backup file the user picks (the rotation folder first). */
  async restoreFromDialog(): Promise<LibraryStatus | Canceled> {
    const folder = this.current.state !== 'closed' ? await this.core.request('backupDir', []) : this.o.native.documentsDir();
    const path = await this.o.native.openDialog({
      title: 'Restore backup',
      defaultPath: existsSync(folder) ? folder : this.o.native.documentsDir(),
      filters: [LIBRARY_FILTER],
    });
    if (!path) return { canceled: true };
    return this.restore(this.ops.newId(), path, statSync(path).mtime.toISOString());
  }

  private async restore(opId: string, backupPath: string, createdAt: string): Promise<LibraryStatus | Canceled> {
    this.assertIdle();
    const target = this.current.state === 'closed' ? undefined : this.current.path;
    if (!target) throw new DossierError('not_found', 'No library to restore into');
    const damaged = this.status.state === 'damaged';
    const when = new Date(createdAt).toLocaleString();
    const choice = await this.o.native.choose({
      type: 'warning',
      message: `Restore the backup from ${when}?`,
      detail: `${basename(target)} will be replaced by the backup. The current file is kept beside it as “${basename(target)}.${damaged ? 'damaged' : 'before-restore'}-<date>”. Changes made after the backup are not in it.`,
      buttons: ['Restore', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    });
    if (choice !== 0) return { canceled: true };
    return this.ops.run('restore', opId, 'Restoring a backup', async (ctx) => {
      ctx.progress('Verifying the backup and replacing the library');
      const status = await this.core.request('restore', [backupPath, damaged ? 'damaged' : 'before-restore', target]);
      this.current = status;
      this.o.emit('library:changed', status);
      this.o.onChange?.();
      return status;
    });
  }

  /**
   * The library did not open at start (or after a switch): tell the user what happened, in a
   * native dialog that works even if the renderer cannot load, and offer the way out.
   */
  async recoverAtStart(): Promise<'open' | 'quit'> {
    for (;;) {
      const s = this.status;
      if (s.state === 'open') return 'open';
      if (s.state === 'closed') return 'quit';
      const newest = s.state === 'damaged' ? ((await this.core.request('newestGoodBackup', [s.path])) ?? undefined) : undefined;
      const retry = s.state === 'unavailable' && s.code === 'io'; // locked or busy: may pass
      const buttons = [
        ...(newest ? [`Restore backup from ${new Date(newest.createdAt).toLocaleString()}`] : []),
        ...(retry ? ['Try again'] : []),
        'Open another library…',
        'New library…',
        'Quit',
      ];
      const choice = await this.o.native.choose({
        type: 'error',
        message: s.state === 'damaged' ? 'Your Dossier library is damaged' : 'Dossier cannot open your library',
        detail: `${s.path}\n\n${s.message}${s.state === 'damaged' && !newest ? '\n\nNo good backup was found.' : ''}`,
        buttons,
        defaultId: 0,
        cancelId: buttons.length - 1,
      });
      const action = buttons[choice] ?? 'Quit';
      try {
        if (newest && choice === 0) await this.restore(this.ops.newId(), newest.path, newest.createdAt);
        else if (action === 'Try again') await this.openLibraryAt(s.path);
        else if (action === 'Open another library…') await this.chooseLibrary();
        else if (action === 'New library…') await this.createLibrary();
        else return 'quit';
      } catch (e) {
        await this.o.native.choose({ type: 'error', message: 'That did not work', detail: (e as Error).message, buttons: ['OK'], defaultId: 0, cancelId: 0 });
      }
    }
  }

  // ── Files the user chooses ───────────────────────────────────────────────────────────

  /** A save dialog shown by main; the chosen path becomes writable for the core for a while. */
  async saveDialog(o: { purpose: 'export' | 'backup'; defaultName?: string; format?: 'docx' | 'markdown' | 'text' }): Promise<{ path: string } | Canceled> {
    const filters = o.purpose === 'backup' ? [LIBRARY_FILTER] : [EXPORT_FILTERS[o.format ?? 'docx']];
    const ext = o.purpose === 'backup' ? 'sqlite' : EXT[o.format ?? 'docx'];
    // "Memo.docx" and "Memo" both give "Memo.docx", never "Memo.docx.docx".
    const given = o.defaultName?.trim().replace(new RegExp(`\\.${ext}$`, 'i'), '');
    const name = safeFileName(given || (o.purpose === 'backup' ? `Dossier library ${this.now().toISOString().slice(0, 10)}` : 'Briefing'), ext);
    const path = await this.o.native.saveDialog({
      title: o.purpose === 'backup' ? 'Back up library to' : 'Export briefing',
      defaultPath: join(this.o.native.documentsDir(), name),
      filters,
    });
    if (!path) return { canceled: true };
    await this.core.request('grantWrite', [path]);
    return { path };
  }

  /** Save dialog, export through the core, and remember the file for "Open in Word". */
  async exportBriefing(o: {
    opId: string;
    briefingId: string;
    format: 'docx' | 'markdown' | 'text';
    styleId?: string;
    notes?: 'footnotes' | 'endnotes';
    templateId?: string;
  }): Promise<ExportResult | Canceled> {
    const briefing = await this.value<{ title: string }>('briefings:get', [o.briefingId]);
    return this.ops.run('export', o.opId, `Exporting “${briefing.title}”`, async (ctx) => {
      ctx.progress('Choosing where to save');
      const chosen = await this.saveDialog({ purpose: 'export', defaultName: briefing.title, format: o.format });
      if ('canceled' in chosen) return chosen;
      ctx.checkpoint();
      const { opId: _, briefingId, ...rest } = o;
      const r = await this.call('briefings:export', [briefingId, { ...rest, out: chosen.path }], {
        progress: (phase) => ctx.progress(EXPORT_PHASES[phase as ExportPhase] ?? phase),
        signal: ctx.signal,
      });
      if (!r.ok && r.error.code === 'cancelled') ctx.checkpoint();
      if (!r.ok) throw new EnvelopeError(r.error);
      ctx.progress('Done', 1, 1);
      return r.value as ExportResult;
    });
  }

  /** "Open in Word / default app": only a file Dossier wrote in this session. */
  async openWritten(path: string): Promise<null> {
    if (!this.o.written.has(path)) throw new DossierError('validation', 'Only a file Dossier has just written can be opened from here', 'path');
    const error = await this.o.native.openPath(path);
    if (error) throw new DossierError('io', `Could not open ${basename(path)}: ${error}`, 'path');
    return null;
  }

  showWritten(path: string): null {
    if (!this.o.written.has(path)) throw new DossierError('validation', 'Only a file Dossier has just written can be shown from here', 'path');
    this.o.native.showItemInFolder(path);
    return null;
  }

  async openLink(url: string): Promise<null> {
    if (!externalUrlAllowed(url)) throw new DossierError('validation', 'Only http and https links can be opened', 'url');
    if (!this.o.userGesture()) {
      throw new EnvelopeError({
        code: 'forbidden',
        message: 'url: not opened: a link opens in your browser only right after you click it; click it again',
        field: 'url',
      });
    }
    await this.o.native.openExternal(url);
    return null;
  }

  // ── Import ───────────────────────────────────────────────────────────────────────────

  /** Open dialog, then read and parse the chosen file. */
  importFromDialog(opId: string): Promise<ImportResult | Canceled> {
    return this.ops.run('import', opId, 'Importing a file', async (ctx) => {
      ctx.progress('Choosing a file');
      const path = await this.o.native.openDialog({ title: 'Import file', defaultPath: this.o.native.documentsDir(), filters: IMPORT_FILTERS });
      if (!path) return { canceled: true } as const;
      return this.readAndImport(path, ctx);
    });
  }

  /** A file dropped on the window: the renderer sends its bytes, never a path. */
  importDropped(opId: string, name: string, bytes: Uint8Array): Promise<ImportResult> {
    return this.ops.run('import', opId, `Importing ${basename(name)}`, (ctx) =>
      this.core.request('readBytes', [name, bytes], { signal: ctx.signal, progress: (p, d, t) => ctx.progress(p, d, t) }),
    );
  }

  /** Files the operating system handed us (second launch, "Open with"): imported and announced. */
  async importPaths(paths: readonly string[]): Promise<void> {
    for (const path of paths.slice(0, 20)) {
      const opId = this.ops.newId();
      try {
        const result = await this.ops.run('import', opId, `Importing ${basename(path)}`, (ctx) => this.readAndImport(path, ctx));
        this.o.emit('import:ready', { ...result, opId });
      } catch {
        // reported by operation:finished
      }
    }
  }

  /** The core reads the file (the user chose it) and keeps it, so the source saved from it keeps its original. */
  private readAndImport(path: string, ctx: OperationContext): Promise<ImportResult> {
    return this.core.request('readFile', [path], { signal: ctx.signal, progress: (p, d, t) => ctx.progress(p, d, t) });
  }

  // ── Recent briefings ─────────────────────────────────────────────────────────────────

  recentBriefings(): RecentBriefing[] {
    return this.current.state === 'open' ? recentBriefings(this.o.state.get(), this.current.path) : [];
  }

  /** The renderer opened a briefing: its title comes from the library, not from the renderer. */
  async briefingOpened(id: string): Promise<null> {
    const path = this.current.state === 'open' ? this.current.path : undefined;
    const b = await this.value<{ id: string; title: string }>('briefings:get', [id]);
    if (path) this.o.state.update((s) => withRecentBriefing(s, path, { id: b.id, title: b.title }, this.now()));
    this.o.onChange?.();
    return null;
  }

  private assertIdle(): void {
    if (this.ops.size > 0) throw new DossierError('conflict', 'Wait for the running import, export or backup to finish (or cancel it) first');
  }
}
