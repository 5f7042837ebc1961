import { errorCode, isDossierError } from '../../core/errors';
import type { Library } from '../../db/library';
import { linkLibrary } from '../../team/link';
import { openServer, type TeamServer } from '../../team/server/index';
import { serverAddress, withoutPassword } from '../../team/server-url';
import { syncOnce } from '../../team/sync';
import { libraryTeamStatus } from '../team-calls';
import type { TeamHooks, TeamStatus } from '../team-types';

export interface TeamSyncOptions {
  /** The library open now (none while closed or damaged). */
  library(): Library | undefined;
  /** The state changed (a sync started or ended, an edit waits to go up): the window's chip. */
  onChange(status: TeamStatus): void;
  /** Between syncs when all is well (default 60 s). */
  intervalMs?: number;
  /** After a local edit, how long to wait for more before syncing (default 5 s). */
  debounceMs?: number;
  /** First retry after the server could not be reached; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Test hook: how a connection is made (default: node-postgres). */
  connect?(url: string, password: string): Promise<TeamServer>;
}

/**
 * Background sync in the core process: when the library is linked and a password was given,
 * sync every minute and soon after local edits, never two at once. An unreachable server is
 * "offline" and retried with backoff; a refused password stops syncing until a new one is
 * given; a revoked membership is said in words. The password lives in this object's memory
 * only: the desktop keeps it in the OS keychain and hands it over when a library opens.
 */
export class TeamSync implements TeamHooks {
  private password: string | undefined;
  private refused: string | undefined;
  private revoked: string | undefined;
  private failures = 0;
  private running: Promise<void> | undefined;
  private runningFor: Library | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastPending = -1;
  private lastSent = '';
  private stopped = false;

  constructor(private readonly o: TeamSyncOptions) {}

  status(): TeamStatus {
    const lib = this.o.library();
    if (!lib)
      return { linked: false, state: 'unlinked', pending: 0, conflicts: 0, lastSyncAt: null, lastError: null, syncing: false, message: 'No library is open' };
    const s = libraryTeamStatus(lib);
    // Leaving the team unlinked the library; the person still needs to be told why.
    if (this.revoked) return { ...s, state: 'revoked', message: this.revoked };
    if (!s.linked) return s;
    s.syncing = this.running !== undefined;
    if (this.refused) return { ...s, state: 'password_refused', message: this.refused };
    if (!this.password) return { ...s, state: 'password_needed', message: `Enter your password for ${s.server} to sync with "${s.team}".` };
    if (s.lastError) return { ...s, state: 'offline', message: `Offline — will retry: ${s.lastError}` };
    return s;
  }

  /** The password for this session (the keychain's at open, or typed): syncing starts soon. */
  async setPassword(password: string): Promise<TeamStatus> {
    this.password = password;
    this.refused = undefined;
    this.failures = 0;
    return this.syncNow();
  }

  /** Links the open library to `team` on `url` as the URL's user, then syncs. */
  async link(url: string, team: string, password: string): Promise<TeamStatus> {
    const lib = this.requireLibrary();
    withoutPassword(url); // a clear error naming 'server' for what is not a connection string
    const server = await this.connect(url, password);
    try {
      await linkLibrary(lib, server, url, team);
    } finally {
      await server.close();
    }
    this.revoked = undefined;
    return this.setPassword(password);
  }

  /** Syncs now, or joins the sync already running. */
  async syncNow(): Promise<TeamStatus> {
    // A sync of the library open before this one is let finish first.
    if (this.running && this.runningFor !== this.o.library()) await this.running;
    if (!this.running) {
      this.runningFor = this.o.library();
      this.running = this.run().finally(() => {
        this.running = undefined;
        this.runningFor = undefined;
        this.changed();
        this.scheduleNext();
      });
      this.changed();
    }
    return this.running.then(() => this.status());
  }

  /** After every API call: an edit that queued a change brings the next sync closer. */
  afterCall(): void {
    const lib = this.o.library();
    if (!lib?.teamLink()) return;
    const pending = lib.pendingCount();
    const grew = pending > this.lastPending && this.lastPending >= 0;
    this.lastPending = pending;
    this.changed();
    if (grew && this.canSync() && this.failures === 0 && !this.running) this.schedule(this.o.debounceMs ?? 5000);
  }

  /** A library was opened (or closed): nothing of the last one's session carries over. */
  libraryChanged(): void {
    this.clearTimer();
    this.stopped = false;
    this.password = undefined;
    this.refused = undefined;
    this.revoked = undefined;
    this.failures = 0;
    this.lastPending = this.o.library()?.teamLink() ? this.o.library()!.pendingCount() : -1;
    this.changed();
  }

  /** The core is closing: no timer keeps the process (or a test) alive. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private async run(): Promise<void> {
    const lib = this.o.library();
    const link = lib?.teamLink();
    if (!lib || !link || !this.canSync()) return;
    let server: TeamServer | undefined;
    try {
      server = await this.connect(link.server, this.password!);
      const r = await syncOnce(lib, server);
      this.failures = 0;
      if (r.revoked)
        this.revoked = `You are no longer a member of "${link.teamName}": ${r.removed} of the team's rows were removed from this library; your own facts are kept.`;
    } catch (e) {
      if (this.o.library() !== lib) return;
      const message = e instanceof Error ? e.message : String(e);
      // syncOnce keeps its own errors; a connection refused before it began is kept here.
      if (lib.syncState().lastError !== message) lib.recordSyncError(message);
      const code = isDossierError(e) ? e.code : errorCode(e);
      if (code === 'server_auth') this.refused = `Password refused by ${serverAddress(link.server)}: enter it again to sync.`;
      else this.failures += 1;
    } finally {
      await server?.close();
    }
  }

  private canSync(): boolean {
    return !this.stopped && this.password !== undefined && !this.refused && !this.revoked;
  }

  private scheduleNext(): void {
    if (!this.canSync() || !this.o.library()?.teamLink()) return;
    const interval = this.o.intervalMs ?? 60_000;
    const retry = Math.min(this.o.maxRetryMs ?? 10 * 60_000, (this.o.retryMs ?? 5000) * 2 ** Math.max(0, this.failures - 1));
    this.schedule(this.failures > 0 ? retry : interval);
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.syncNow(), ms);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Tells the window, once per change. */
  private changed(): void {
    const s = this.status();
    const key = JSON.stringify(s);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.o.onChange(s);
  }

  private connect(url: string, password: string): Promise<TeamServer> {
    return this.o.connect ? this.o.connect(url, password) : openServer({ url, password });
  }

  private requireLibrary(): Library {
    const lib = this.o.library();
    if (!lib) throw new Error('No library is open');
    return lib;
  }
}
