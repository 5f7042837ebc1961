type Task = () => void | Promise<void>;

/**
 * Work kept for a pause: tasks run, in the order first added, once nothing has asked for a
 * render for `delayMs`. The app's core process answers the window between an analyst's
 * actions; what the next action will need (a briefing's citation engine, its .docx pieces) is
 * made in the pause after the one before, instead of while the analyst waits. A task added
 * again under the same name replaces the waiting one. A task that fails leaves its work to
 * whoever needs it next: nothing is lost, only not made early.
 */
export class IdleWork {
  private readonly tasks = new Map<string, Task>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly delayMs: number) {}

  add(name: string, task: Task): void {
    this.tasks.set(name, task);
    this.schedule();
  }

  /** Something was asked of the process: the pause starts again. */
  postpone(): void {
    if (this.timer) this.schedule();
  }

  /** Drops what waits (the briefing closed or removed); a task already running finishes. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.tasks.clear();
    this.settleIfDone();
  }

  /** Resolves once nothing waits or runs (the bench and tests wait on this, not on a clock). */
  settled(): Promise<void> {
    if (this.done()) return Promise.resolve();
    // Someone waits for the work: the process stays up for it.
    this.timer?.ref();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.delayMs);
    // A process about to end (the command line) does not wait for work nobody will use.
    if (!this.waiters.length) this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.take(); next; next = this.take()) {
        try {
          await next();
        } catch {
          // Made later by whatever needs it, with its own error if there is one.
        }
      }
    } finally {
      this.running = false;
      this.settleIfDone();
    }
  }

  private take(): Task | undefined {
    const first = this.tasks.entries().next();
    if (first.done) return undefined;
    this.tasks.delete(first.value[0]);
    return first.value[1];
  }

  private done(): boolean {
    return !this.timer && !this.running && this.tasks.size === 0;
  }

  private settleIfDone(): void {
    if (this.done()) for (const resolve of this.waiters.splice(0)) resolve();
  }
}
