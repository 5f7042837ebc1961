import { describe, expect, it } from 'vitest';
import { type Command, UndoStack } from './undo';

/** A tiny stand-in for the core: one section of items, new ids on every insert. */
class FakeBriefing {
  items: { id: string; text: string }[] = [];
  private next = 1;
  add(text: string, index = this.items.length): string {
    const id = `i${this.next++}`;
    this.items.splice(index, 0, { id, text });
    return id;
  }
  remove(id: string): void {
    const i = this.items.findIndex((x) => x.id === id);
    if (i < 0) throw new Error(`no item ${id}`);
    this.items.splice(i, 1);
  }
  move(id: string, index: number): void {
    const i = this.items.findIndex((x) => x.id === id);
    if (i < 0) throw new Error(`no item ${id}`);
    const [item] = this.items.splice(i, 1);
    this.items.splice(index, 0, item);
  }
  get texts(): string[] {
    return this.items.map((x) => x.text);
  }
}

function addCmd(b: FakeBriefing, text: string, index: number): Command & { key: string } {
  const cmd = {
    key: '',
    label: 'Add',
    async apply(ctx: Parameters<Command['apply']>[0]) {
      const id = b.add(text, index);
      if (cmd.key) ctx.alias(cmd.key, id);
      else cmd.key = id;
    },
    async revert(ctx: Parameters<Command['apply']>[0]) {
      b.remove(ctx.id(cmd.key));
    },
  };
  return cmd;
}
function removeCmd(b: FakeBriefing, key: string): Command {
  let saved: { text: string; index: number } | undefined;
  return {
    label: 'Remove',
    async apply(ctx) {
      const id = ctx.id(key);
      const index = b.items.findIndex((x) => x.id === id);
      saved = { text: b.items[index].text, index };
      b.remove(id);
    },
    async revert(ctx) {
      ctx.alias(key, b.add(saved!.text, saved!.index));
    },
  };
}
function moveCmd(b: FakeBriefing, key: string, from: number, to: number): Command {
  return {
    label: 'Move',
    async apply(ctx) {
      b.move(ctx.id(key), to);
    },
    async revert(ctx) {
      b.move(ctx.id(key), from);
    },
  };
}

describe('UndoStack', () => {
  it('undoes and redoes in order', async () => {
    const b = new FakeBriefing();
    const s = new UndoStack();
    const a = addCmd(b, 'a', 0);
    await s.execute(a);
    await s.execute(addCmd(b, 'b', 1));
    await s.execute(moveCmd(b, a.key, 0, 1));
    expect(b.texts).toEqual(['b', 'a']);
    await s.undo();
    expect(b.texts).toEqual(['a', 'b']);
    await s.undo();
    expect(b.texts).toEqual(['a']);
    await s.redo();
    await s.redo();
    expect(b.texts).toEqual(['b', 'a']);
    expect(s.canRedo).toBe(false);
  });

  it('follows re-created items through every later command', async () => {
    const b = new FakeBriefing();
    const s = new UndoStack();
    const a = addCmd(b, 'a', 0);
    await s.execute(a);
    await s.execute(addCmd(b, 'b', 1));
    await s.execute(removeCmd(b, a.key)); // a deleted
    await s.undo(); // a re-created under a new id
    expect(b.texts).toEqual(['a', 'b']);
    expect(s.ctx.id(a.key)).not.toBe(a.key);
    await s.execute(moveCmd(b, s.ctx.id(a.key), 0, 1)); // a command naming the new id
    expect(b.texts).toEqual(['b', 'a']);
    await s.undo();
    await s.undo(); // undo "add b"
    await s.undo(); // undo "add a": must find a by its newest id
    expect(b.texts).toEqual([]);
    await s.redo(); // a re-created again, under a third id
    await s.redo();
    await s.redo();
    expect(b.texts).toEqual(['b', 'a']);
  });

  it('runs operations one at a time', async () => {
    const log: string[] = [];
    const s = new UndoStack();
    const slow = (name: string, ms: number): Command => ({
      label: name,
      apply: async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
      },
      revert: async () => {
        log.push(`undo ${name}`);
      },
    });
    await Promise.all([s.execute(slow('one', 20)), s.execute(slow('two', 1)), s.undo()]);
    expect(log).toEqual(['start one', 'end one', 'start two', 'end two', 'undo two']);
  });

  it('sends an edit made as the page goes away at once, not behind a slow one, and again in its turn', async () => {
    // A field's value in the "core", written by each command's apply.
    let stored = '';
    const writes: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const set = (v: string, hold = false): Command => ({
      label: 'Edit through',
      apply: async () => {
        if (hold) await held; // a save still on its way (a slow core)
        stored = v;
        writes.push(v);
      },
      revert: async () => {},
    });
    const s = new UndoStack();
    const slow = s.execute(set('Deputy Secretar', true));
    const last = s.executeBeforeLeaving(set('Deputy Secretary'));
    // Written before the slow save answers: a page that goes now has still sent it.
    await Promise.resolve();
    expect(writes).toEqual(['Deputy Secretary']);
    release();
    await Promise.all([slow, last]);
    // If the page stays after all, its turn comes after the older save: the newest value wins.
    expect(writes).toEqual(['Deputy Secretary', 'Deputy Secretar', 'Deputy Secretary']);
    expect(stored).toBe('Deputy Secretary');
    expect(s.canUndo).toBe(true);
  });

  it('keeps a failed command off the stack', async () => {
    const s = new UndoStack();
    await expect(s.execute({ label: 'x', apply: async () => Promise.reject(new Error('nope')), revert: async () => {} })).rejects.toThrow('nope');
    expect(s.canUndo).toBe(false);
  });

  it('leaves a command in place when its undo fails', async () => {
    const s = new UndoStack();
    let fail = true;
    await s.execute({ label: 'x', apply: async () => {}, revert: async () => (fail ? Promise.reject(new Error('offline')) : undefined) });
    await expect(s.undo()).rejects.toThrow('offline');
    expect(s.canUndo).toBe(true);
    fail = false;
    expect(await s.undo()).toBe(true);
    expect(s.canRedo).toBe(true);
  });

  it('merges consecutive edits of one field and clears redo on a new edit', async () => {
    const s = new UndoStack();
    let value = 'a';
    const edit = (before: string, after: string): Command & { before: string; after: string } => {
      const c = {
        label: 'Edit',
        before,
        after,
        apply: async () => void (value = c.after),
        revert: async () => void (value = c.before),
        merge: (next: Command) => {
          if (!('after' in next)) return false;
          c.after = (next as typeof c).after;
          return true;
        },
      };
      return c;
    };
    await s.execute(edit('a', 'ab'));
    await s.execute(edit('ab', 'abc'));
    await s.undo();
    expect(value).toBe('a');
    await s.redo();
    expect(value).toBe('abc');
    await s.undo();
    await s.execute(edit('a', 'z'));
    expect(s.canRedo).toBe(false);
  });
});
