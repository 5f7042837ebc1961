import { basename, resolve, sep } from 'node:path';
import type { Envelope } from '../contract';
import { createDispatcher } from '../handlers';
import { type BackupEntry } from './backups';
import { type DocumentReader, defaultDocumentReader, importBytes, readImportFile } from './import-file';
import { LibraryHost } from './library-host';
import { PendingOriginals } from './pending-originals';
import type { ImportResult, LibraryStatus } from './types';
import { WriteGrants } from './write-grants';
import { TeamSync } from './team-sync';
import type { TeamStatus } from '../team-types';

/** What the core tells the main process unasked (api/host/protocol.ts 'event'). */
export interface CoreEvent {
  name: 'team:state';
  value: TeamStatus;
}

/**
 * Everything the desktop app's core does, in one object that can live in its own process: the
 * open library and its lifecycle (LibraryHost), the API dispatcher, reading files for capture
 * (parsers of untrusted files), backups and restore. Every method takes and returns plain data
 * (structured-clone safe), so the same object serves an in-process caller (tests) and a
 * message port (api/host/serve.ts) alike. The shell (dialogs, menus, grants the user gave in a
 * save dialog, which files may be opened) stays in the main process.
 */
export interface CoreOptions {
  /** userData/backups */
  backupRoot: string;
  /** better_sqlite3.node built for Electron's ABI (development); undefined in packaged builds. */
  nativeBinding?: string;
  templateDir?: string;
  styleDir?: string;
  /** Test hook: how far the core's clock runs ahead of the real one (an editing pause without waiting). */
  clockAheadMs?: number;
  /** Test hook (the end-to-end harness's stand-in for the save dialog): files under this folder may be written. The app never sets it. */
  testWritableFolder?: string;
  /** Background team sync timings (tests shorten them); see TeamSyncOptions. */
  teamSync?: { intervalMs?: number; debounceMs?: number; retryMs?: number; maxRetryMs?: number };
}

/** How long a core call may report progress and be cancelled. */
export interface CoreCallContext {
  progress?: (phase: string, done?: number, total?: number) => void;
  signal?: AbortSignal;
}

const NO_SIGNAL = new AbortController().signal;

export class CoreService {
  private readonly host: LibraryHost;
  private readonly grants = new WriteGrants();
  private readonly originals = new PendingOriginals();
  private dispatcher: { lib: unknown; dispatch: ReturnType<typeof createDispatcher> } | undefined;
  private clockAheadMs: number;
  private readonly team: TeamSync;
  private sink: (e: CoreEvent) => void = () => undefined;

  constructor(
    private readonly o: CoreOptions,
    private readonly reader: DocumentReader = defaultDocumentReader,
    log?: { info(m: string): void; warn(m: string): void },
  ) {
    this.host = new LibraryHost({ backupRoot: o.backupRoot, ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}), ...(log ? { log } : {}) });
    this.clockAheadMs = o.clockAheadMs ?? 0;
    this.team = new TeamSync({ library: () => this.host.library, onChange: (value) => this.sink({ name: 'team:state', value }), ...o.teamSync });
  }

  /** Where events go (the port to the main process; a test's list). */
  onEvent(sink: (e: CoreEvent) => void): void {
    this.sink = sink;
  }

  status(): LibraryStatus {
    return this.host.status;
  }

  open(path: string): LibraryStatus {
    this.dispatcher = undefined;
    const status = this.host.open(path);
    this.team.libraryChanged();
    return status;
  }

  close(): null {
    this.dispatcher = undefined;
    this.team.stop();
    this.host.close();
    return null;
  }

  /**
   * The team password, from the OS keychain, handed over by the main process after it opened
   * the library (never by the window). Kept in memory only; syncing starts.
   */
  async setTeamPassword(password: string): Promise<TeamStatus> {
    if (typeof password !== 'string' || !password) return this.team.status();
    return this.team.setPassword(password);
  }

  /** Stops the background sync's timers (tests; the process exits otherwise). */
  stopTeamSync(): void {
    this.team.stop();
  }

  /** The user picked `path` in a save dialog shown by the main process: the core may write it for a while. */
  grantWrite(path: string): null {
    this.grants.grant(path);
    return null;
  }

  /** A call of the API contract, validated by its dispatcher, on the open library. */
  async call(name: string, args: unknown, ctx: CoreCallContext = {}): Promise<Envelope<unknown>> {
    const lib = this.host.library;
    if (!lib) return { ok: false, error: this.noLibraryError() };
    if (this.dispatcher?.lib !== lib) {
      const dispatch = createDispatcher(lib, {
        allowWrite: (p) => this.grants.allows(p) || this.underTestFolder(p),
        pendingOriginal: (id) => this.originals.get(id),
        now: () => new Date(Date.now() + this.clockAheadMs),
        ...(this.o.templateDir ? { templateDir: this.o.templateDir } : {}),
        ...(this.o.styleDir ? { styleDir: this.o.styleDir } : {}),
        team: this.team,
      });
      this.dispatcher = { lib, dispatch };
    }
    const result = await this.dispatcher.dispatch(name, args, {
      ...(ctx.progress ? { progress: (p: string) => ctx.progress!(p) } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    // An edit that queued a change for the team brings the next sync closer.
    this.team.afterCall();
    return result;
  }

  // ── Backups ──────────────────────────────────────────────────────────────────────────

  backups(): BackupEntry[] {
    return this.host.backups();
  }

  backupDir(path?: string): string {
    return this.host.backupDir(path);
  }

  backupNow(ctx: CoreCallContext = {}): Promise<BackupEntry> {
    return this.host.backupNow(() => ctx.signal?.throwIfAborted());
  }

  backupIfDue(): Promise<BackupEntry | { skipped: string }> {
    return this.host.backupIfDue();
  }

  restore(backupPath: string, aside: 'damaged' | 'before-restore', target?: string): LibraryStatus & { keptAs?: string } {
    this.dispatcher = undefined;
    return this.host.restore(backupPath, aside, target);
  }

  newestGoodBackup(path?: string): BackupEntry | null {
    return this.host.newestGoodBackup(path) ?? null;
  }

  // ── Reading files for capture (untrusted input: the reason the core has its own process) ──

  async readFile(path: string, ctx: CoreCallContext = {}): Promise<ImportResult> {
    const signal = ctx.signal ?? NO_SIGNAL;
    ctx.progress?.(`Reading ${basename(path)}`);
    const bytes = await readImportFile(path, signal);
    signal.throwIfAborted();
    return this.read(bytes, basename(path), ctx);
  }

  readBytes(name: string, bytes: Uint8Array, ctx: CoreCallContext = {}): Promise<ImportResult> {
    return this.read(bytes, name, ctx);
  }

  /** Test hook (the fake clock of the end-to-end harness): the core's clock runs this far ahead. */
  setClockAhead(ms: number): null {
    this.clockAheadMs = ms;
    return null;
  }

  /** Parses the file and keeps it until the capture saved from it stores it as the source's original. */
  private async read(bytes: Uint8Array, name: string, ctx: CoreCallContext): Promise<ImportResult> {
    const progress = ctx.progress ?? (() => undefined);
    const result = await importBytes(bytes, name, this.reader, { signal: ctx.signal ?? NO_SIGNAL, progress });
    return { ...result, originalId: this.originals.remember(result.document, bytes, result.fileName) };
  }

  private underTestFolder(p: string): boolean {
    const folder = this.o.testWritableFolder;
    return !!folder && resolve(p).startsWith(resolve(folder) + sep);
  }

  private noLibraryError(): { code: string; message: string } {
    const s = this.host.status;
    if (s.state === 'damaged') return { code: 'library_corrupt', message: `The library ${s.path} is damaged: ${s.message}` };
    if (s.state === 'unavailable') return { code: s.code, message: s.message };
    return { code: 'not_found', message: 'No library is open' };
  }
}

/**
 * The core's methods as a client sees them: name, arguments, result. The wire carries the name
 * and the arguments; a call's progress and cancel signal travel beside them (CoreCallContext).
 */
interface CoreCalls {
  status(): LibraryStatus;
  open(path: string): LibraryStatus;
  close(): null;
  grantWrite(path: string): null;
  setTeamPassword(password: string): TeamStatus;
  call(name: string, args: unknown): Envelope<unknown>;
  backups(): BackupEntry[];
  backupDir(path?: string): string;
  backupNow(): BackupEntry;
  backupIfDue(): BackupEntry | { skipped: string };
  restore(backupPath: string, aside: 'damaged' | 'before-restore', target?: string): LibraryStatus & { keptAs?: string };
  newestGoodBackup(path?: string): BackupEntry | null;
  readFile(path: string): ImportResult;
  readBytes(name: string, bytes: Uint8Array): ImportResult;
  setClockAhead(ms: number): null;
}
export type CoreMethod = keyof CoreCalls;
export type CoreArgs<M extends CoreMethod> = Parameters<CoreCalls[M]>;
export type CoreResult<M extends CoreMethod> = ReturnType<CoreCalls[M]>;

/** Where each method that reports progress or can be cancelled takes its call context. */
const CONTEXT_AT: Partial<Record<CoreMethod, number>> = { call: 2, backupNow: 0, readFile: 1, readBytes: 2 };

export function isCoreMethod(name: unknown): name is CoreMethod {
  return typeof name === 'string' && Object.hasOwn(CORE_ARITY, name);
}

/** How many arguments each method takes at most: a message with more is refused. */
export const CORE_ARITY: Record<CoreMethod, number> = {
  status: 0,
  open: 1,
  close: 0,
  grantWrite: 1,
  setTeamPassword: 1,
  call: 2,
  backups: 0,
  backupDir: 1,
  backupNow: 0,
  backupIfDue: 0,
  restore: 3,
  newestGoodBackup: 1,
  readFile: 1,
  readBytes: 2,
  setClockAhead: 1,
};

/** Runs one method of the service with its arguments, the call context in its place. */
export function invokeCore(service: CoreService, method: CoreMethod, args: readonly unknown[], ctx: CoreCallContext): Promise<unknown> {
  const at = CONTEXT_AT[method];
  const full: unknown[] = [...args];
  if (at !== undefined) {
    full.length = at;
    full.push(ctx);
  }
  // A method that throws, or returns a value or a promise: always a promise to the caller.
  try {
    return Promise.resolve((service[method] as (...a: unknown[]) => unknown).apply(service, full));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** A client of the core: in this process (tests) or over a message port (api/host/client.ts). */
export interface CoreLink {
  request<M extends CoreMethod>(method: M, args: CoreArgs<M>, ctx?: CoreCallContext & { label?: string }): Promise<CoreResult<M>>;
}

/** The core in the caller's own process: the same service, no port between. */
export class InProcessCore implements CoreLink {
  constructor(readonly service: CoreService) {}
  async request<M extends CoreMethod>(method: M, args: CoreArgs<M>, ctx: CoreCallContext = {}): Promise<CoreResult<M>> {
    return (await invokeCore(this.service, method, args, ctx)) as CoreResult<M>;
  }
}
