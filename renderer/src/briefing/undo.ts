/**
 * Undo/redo for briefing edits. Every edit is a command that knows how to apply itself and
 * how to revert itself through the API. Item ids are not stable across undo: removing an item
 * and undoing the removal re-creates it under a new id, so commands name items by the id they
 * knew, and the stack keeps an alias chain from old ids to current ones.
 */
export interface CommandContext {
  /** The item's current id, following re-creations. */
  id(known: string): string;
  /** Records that the item known as `known` now lives under `current`. */
  alias(known: string, current: string): void;
}

export interface Command {
  label: string;
  apply(ctx: CommandContext): Promise<void>;
  revert(ctx: CommandContext): Promise<void>;
  /** Folds a following command into this one (typing in one field); returns true when merged. */
  merge?(next: Command): boolean;
}

export class UndoStack {
  private done: Command[] = [];
  private undone: Command[] = [];
  private ids = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private listeners = new Set<() => void>();

  constructor(private readonly limit = 500) {}

  readonly ctx: CommandContext = {
    id: (known) => {
      let id = known;
      for (let i = 0; i < 1000 && this.ids.has(id); i++) id = this.ids.get(id)!;
      return id;
    },
    alias: (known, current) => {
      const latest = this.ctx.id(known);
      if (latest !== current) this.ids.set(latest, current);
    },
  };

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  /** Runs operations one at a time, in order, so fast key presses never interleave API calls. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Applies a command and makes it undoable. A failed command leaves the stack as it was. */
  execute(cmd: Command): Promise<void> {
    return this.serial(async () => {
      await cmd.apply(this.ctx);
      this.push(cmd);
    });
  }

  /**
   * For the page going away (the window closing right after typing): sends the command at once
   * as well as in its turn. Queued behind a slower edit it would never be sent once the page is
   * gone, and the last keys typed were lost. If the page stays after all, its turn writes it again
   * after any older edit still queued, so the newest value lands last. Only for commands that set
   * values (applying one twice is applying it once).
   */
  executeBeforeLeaving(cmd: Command): Promise<void> {
    void cmd.apply(this.ctx).catch(() => undefined);
    return this.execute(cmd);
  }

  /** Records a command whose effect has already been written (e.g. autosaved typing). */
  record(cmd: Command): void {
    this.push(cmd);
  }

  private push(cmd: Command): void {
    const last = this.done[this.done.length - 1];
    if (!(last?.merge && this.undone.length === 0 && last.merge(cmd))) {
      this.done.push(cmd);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
    this.changed();
  }

  undo(): Promise<boolean> {
    return this.serial(async () => {
      const cmd = this.done[this.done.length - 1];
      if (!cmd) return false;
      await cmd.revert(this.ctx);
      this.done.pop();
      this.undone.push(cmd);
      this.changed();
      return true;
    });
  }

  redo(): Promise<boolean> {
    return this.serial(async () => {
      const cmd = this.undone[this.undone.length - 1];
      if (!cmd) return false;
      await cmd.apply(this.ctx);
      this.undone.pop();
      this.done.push(cmd);
      this.changed();
      return true;
    });
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }
  get canRedo(): boolean {
    return this.undone.length > 0;
  }
  get undoLabel(): string | undefined {
    return this.done[this.done.length - 1]?.label;
  }
  get redoLabel(): string | undefined {
    return this.undone[this.undone.length - 1]?.label;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.ids.clear();
    this.changed();
  }
}
