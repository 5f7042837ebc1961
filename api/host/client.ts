import { basename } from 'node:path';
import type { CoreArgs, CoreCallContext, CoreEvent, CoreLink, CoreMethod, CoreOptions, CoreResult } from './core-service';
import type { FromCore, MessageEnd, ToCore, WireError } from './protocol';
import type { LibraryStatus } from './types';

/**
 * The main process's handle on the core process: requests with ids, their progress, cancel,
 * and the core's health. The core runs parsers of untrusted files and long synchronous SQLite
 * and citeproc work; if it crashes (a parser bug, out of memory) or stops answering the
 * heartbeat (a parser that loops), the client fails the calls in flight with one clear error,
 * starts a new core, reopens the library it had open, and reports what happened and during
 * what (the file being read). Saved data is safe by construction: every write is one SQLite
 * transaction, so a core killed mid-write leaves the library as it was before that write.
 */
export interface CoreChannel extends MessageEnd<ToCore> {
  /** Called once when the process exits, however it exits. */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}

export interface CoreRestart {
  reason: 'crashed' | 'hung' | 'stuck-after-cancel';
  /** What the core was doing: "reading report.pdf", "exporting a briefing". */
  during?: string;
  /** One line for the person: what happened and which file caused it. */
  message: string;
  /** The library's state in the new core (reopened). */
  status?: LibraryStatus;
}

export interface CoreClientOptions {
  spawn(): CoreChannel;
  options: CoreOptions;
  /** How often the core is pinged (default 2 s). */
  heartbeatMs?: number;
  /** A core silent this long is stuck and is restarted (default 30 s: a big synchronous write may take seconds). */
  hangAfterMs?: number;
  /** A cancelled call that has not stopped after this long is stopped by restarting the core (default 10 s). */
  cancelGraceMs?: number;
  onRestart?(restart: CoreRestart): void;
  /** News from the core (the team sync's state). */
  onEvent?(event: CoreEvent): void;
  log?: { info(m: string): void; warn(m: string): void };
}

/** A core call failed: the error as the core (or the client, for a restart) reported it. */
export class CoreCallError extends Error {
  constructor(readonly error: WireError) {
    super(error.message);
    // A cancelled call is an abort to the operations that wait on it.
    this.name = error.code === 'cancelled' ? 'AbortError' : 'CoreCallError';
  }
}

interface Pending {
  method: CoreMethod;
  during: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
  progress?: CoreCallContext['progress'];
  cancelTimer?: NodeJS.Timeout;
}

/** Restarts allowed in a minute before the client gives up (a core that dies at every start). */
const MAX_RESTARTS_PER_MINUTE = 4;
const GRANT_TTL_MS = 30 * 60_000;
/** How long a new core may take to load before it counts as stuck. */
const STARTUP_MS = 60_000;

export class CoreClient implements CoreLink {
  private channel!: CoreChannel;
  private ready!: Promise<void>;
  /** Open once a new core has reopened the library and its grants (at first start: once it is ready). */
  private resumed!: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastPong = Date.now();
  private pingN = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;
  private stopped = false;
  private restarts: number[] = [];
  private killReason: CoreRestart['reason'] | undefined;
  private killDuring: string | undefined;
  private gaveUp: string | undefined;
  // What a new core must be told to carry on where the old one stopped.
  private libraryPath: string | undefined;
  private grants: { path: string; at: number }[] = [];
  private clockAheadMs = 0;
  /** The team password main handed over (from the keychain): a new core gets it again. */
  private teamPassword: string | undefined;
  private corePid: number | undefined;

  constructor(private readonly o: CoreClientOptions) {
    this.start();
    this.heartbeat = setInterval(() => this.beat(), o.heartbeatMs ?? 2000);
    this.heartbeat.unref?.();
  }

  request<M extends CoreMethod>(method: M, args: CoreArgs<M>, ctx: CoreCallContext & { label?: string } = {}): Promise<CoreResult<M>> {
    return this.send(method, args, ctx, this.resumed);
  }

  /** A request posted once `gate` opens: callers wait for a restarted core to have its library back; the restart itself does not. */
  private send<M extends CoreMethod>(method: M, args: CoreArgs<M>, ctx: CoreCallContext & { label?: string }, gate: Promise<void>): Promise<CoreResult<M>> {
    if (this.gaveUp) return Promise.reject(new CoreCallError({ code: 'core_unavailable', message: this.gaveUp }));
    if (this.stopped) return Promise.reject(new CoreCallError({ code: 'core_unavailable', message: "Dossier's core has stopped (Dossier is closing)." }));
    if (ctx.signal?.aborted) return Promise.reject(new CoreCallError({ code: 'cancelled', message: 'Cancelled' }));
    const id = this.nextId++;
    return new Promise<CoreResult<M>>((resolve, reject) => {
      const p: Pending = { method, during: ctx.label ?? describe(method, args), resolve: resolve, reject, ...(ctx.progress ? { progress: ctx.progress } : {}) };
      this.pending.set(id, p);
      ctx.signal?.addEventListener('abort', () => this.cancel(id), { once: true });
      void gate.then(() => {
        if (this.pending.get(id) === p) this.channel.post({ t: 'req', id, method, args: [...args] });
      });
    }).then((value) => {
      this.remember(method, args, value);
      return value;
    });
  }

  /** The core process's id once it is ready (logs; the drills kill it by id). */
  get pid(): number | undefined {
    return this.corePid;
  }

  /** Resolves once the core (or a restarted one, with its library reopened) takes calls. */
  whenReady(): Promise<void> {
    return this.resumed;
  }

  /** Stops the core for good (the app quits): it closes its library first, then exits. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const closing = this.request('close', []).catch(() => null);
    // Nothing more is posted to a core that is closing its library and exiting.
    this.stopped = true;
    await Promise.race([closing, new Promise((r) => setTimeout(r, timeoutMs).unref?.())]);
    this.stopping = true;
    this.channel.kill();
  }

  /** The process was asked to stop a call: a core that does not stop in time is restarted. */
  private cancel(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.channel.post({ t: 'cancel', id });
    p.cancelTimer = setTimeout(() => {
      if (this.pending.get(id) !== p) return;
      this.kill('stuck-after-cancel', p.during);
    }, this.o.cancelGraceMs ?? 10_000);
    p.cancelTimer.unref?.();
  }

  private start(): void {
    const channel = this.o.spawn();
    this.channel = channel;
    this.corePid = undefined;
    this.lastPong = Date.now();
    let started!: () => void;
    this.ready = new Promise<void>((r) => (started = r));
    this.resumed = this.ready;
    channel.onMessage((m) => this.receive(m as FromCore, started));
    channel.onExit((how) => {
      if (channel === this.channel) this.exited(how);
    });
    channel.post({ t: 'init', options: { ...this.o.options, clockAheadMs: this.clockAheadMs } });
  }

  private receive(m: FromCore, started: () => void): void {
    if (m.t === 'pong') this.lastPong = Date.now();
    else if (m.t === 'ready') {
      this.corePid = m.pid;
      this.lastPong = Date.now();
      started();
    } else if (m.t === 'event') this.o.onEvent?.({ name: m.name, value: m.value });
    else if (m.t === 'progress') this.pending.get(m.id)?.progress?.(m.phase, m.done, m.total);
    else if (m.t === 'res') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (p.cancelTimer) clearTimeout(p.cancelTimer);
      if (m.ok) p.resolve(m.value);
      else p.reject(new CoreCallError(m.error));
    }
  }

  private beat(): void {
    // Until it is ready the core is loading its modules and answers nothing: it gets longer then.
    const limit = this.corePid === undefined ? Math.max(STARTUP_MS, this.o.hangAfterMs ?? 0) : (this.o.hangAfterMs ?? 30_000);
    if (Date.now() - this.lastPong > limit) {
      const busy = [...this.pending.values()].find((p) => p.method !== 'status');
      this.kill('hung', busy?.during);
      return;
    }
    this.channel.post({ t: 'ping', n: ++this.pingN });
  }

  private kill(reason: CoreRestart['reason'], during: string | undefined): void {
    if (this.killReason) return;
    this.killReason = reason;
    this.killDuring = during;
    this.o.log?.warn(`core ${reason}${during ? ` while ${during}` : ''}: stopping it`);
    this.channel.kill();
  }

  /** The core process ended: fail what was in flight, start a new core, and carry on. */
  private exited(how: string): void {
    if (this.stopping) return;
    const reason = this.killReason ?? 'crashed';
    const inFlight = [...this.pending.values()];
    const during = this.killDuring ?? inFlight.find((p) => p.method !== 'status')?.during;
    this.killReason = undefined;
    this.killDuring = undefined;
    const what = reason === 'hung' ? 'stopped responding' : reason === 'stuck-after-cancel' ? 'did not stop when cancelled' : `stopped (${how})`;
    const message = `Dossier's core ${what}${during ? ` while ${during}` : ''} and was restarted. Your library and drafts are safe; ${during ? 'that step was not finished.' : 'try again.'}`;
    this.pending.clear();
    for (const p of inFlight) {
      if (p.cancelTimer) clearTimeout(p.cancelTimer);
      p.reject(new CoreCallError(reason === 'stuck-after-cancel' ? { code: 'cancelled', message: 'Cancelled' } : { code: 'core_restarted', message }));
    }
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE) {
      this.gaveUp = `Dossier's core stopped ${this.restarts.length} times in a minute (last: ${what}); restart Dossier.`;
      this.o.log?.warn(this.gaveUp);
      this.o.onRestart?.({ reason, message: this.gaveUp, ...(during ? { during } : {}) });
      return;
    }
    this.start();
    const resumed = this.resume();
    this.resumed = resumed.then(() => undefined);
    void resumed.then((status) => this.o.onRestart?.({ reason, message, ...(during ? { during } : {}), ...(status ? { status } : {}) }));
  }

  /** A new core reopens the library the old one had open and keeps the save-dialog grants still valid. */
  private async resume(): Promise<LibraryStatus | undefined> {
    const now = Date.now();
    this.grants = this.grants.filter((g) => now - g.at < GRANT_TTL_MS);
    const grants = this.grants.splice(0);
    for (const g of grants) await this.send('grantWrite', [g.path], {}, this.ready).catch(() => null);
    this.grants = grants;
    if (!this.libraryPath) return undefined;
    const status = await this.send('open', [this.libraryPath], {}, this.ready).catch(() => undefined);
    if (this.teamPassword) await this.send('setTeamPassword', [this.teamPassword], {}, this.ready).catch(() => null);
    return status;
  }

  private remember(method: CoreMethod, args: readonly unknown[], value: unknown): void {
    if (method === 'open') {
      if (this.libraryPath !== args[0]) this.teamPassword = undefined;
      this.libraryPath = args[0] as string;
    } else if (method === 'setTeamPassword') this.teamPassword = args[0] as string;
    else if (method === 'call' && (args[0] === 'team:link' || args[0] === 'team:password')) this.teamPassword = typedPassword(args[0], args[1]);
    else if (method === 'restore') this.libraryPath = (args[2] as string | undefined) ?? this.libraryPath ?? (value as { path?: string }).path;
    else if (method === 'close') this.libraryPath = undefined;
    else if (method === 'grantWrite') this.grants.push({ path: args[0] as string, at: Date.now() });
    else if (method === 'setClockAhead') this.clockAheadMs = args[0] as number;
  }
}

/** The password the person typed in the Team dialog (kept for a restarted core, like the keychain's). */
function typedPassword(name: string, args: unknown): string | undefined {
  const a = Array.isArray(args) ? (args as unknown[]) : [];
  const v = name === 'team:link' ? (a[0] as { password?: unknown } | undefined)?.password : a[0];
  return typeof v === 'string' ? v : undefined;
}

/** What a call does, in words for the restart message: the file's name when it reads one. */
function describe(method: CoreMethod, args: readonly unknown[]): string {
  if (method === 'readFile') return `reading ${basename(String(args[0]))}`;
  if (method === 'readBytes') return `reading ${basename(String(args[0]))}`;
  if (method === 'call') return `running ${String(args[0])}`;
  if (method === 'backupNow' || method === 'backupIfDue') return 'backing up the library';
  if (method === 'restore') return 'restoring a backup';
  if (method === 'open') return `opening ${basename(String(args[0]))}`;
  return method;
}
