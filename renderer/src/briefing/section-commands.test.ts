import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../api/handlers';
import type { Briefing } from '../../../core/model';
import type { Library } from '../../../db/library';
import { SAMPLE_SOURCE, tempLibrary } from '../../../db/testing/temp-library';
import { briefingCommands } from './commands';
import { sectionCommands } from './section-commands';
import { UndoStack } from './undo';

/**
 * The editor's section commands against the real core (a temporary library behind the real
 * dispatcher, bound as `window.dossier` the way the preload binds it): each edit, its undo and
 * its redo must leave the stored briefing exactly as expected.
 */
let lib: Library;
let done: () => void;
let b: Briefing;
let fact: string;
let shown: Briefing | undefined;

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  const dispatch = createDispatcher(lib, { allowWrite: () => false });
  (globalThis as { window?: unknown }).window = { dossier: { call: (name: string, ...args: unknown[]) => dispatch(name, args) } };
  fact = lib.addFact({ text: 'Silos are full.', sourceId: lib.addSource(SAMPLE_SOURCE).id }).id;
  b = lib.createBriefing({ title: 'Undo', templateId: 'action-memo' }, [
    { key: 'bluf', heading: 'BLUF' },
    { key: 'discussion', heading: 'Discussion' },
    { key: 'coordination', heading: 'COORDINATION' },
  ]);
  shown = undefined;
});
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  done();
});

const show = (x: Briefing) => (shown = x);
const outline = () =>
  lib.getBriefing(b.id).sections.map((s) => `${s.heading}${s.items.length ? `(${s.items.map((i) => (i.kind === 'fact' ? 'f' : i.text)).join(',')})` : ''}`);

describe('section commands with undo and redo', () => {
  it('adds a section, undoes and redoes it under the same key', async () => {
    const stack = new UndoStack();
    const cmds = sectionCommands(b.id, show);
    const add = cmds.add('Risks', 1);
    await stack.execute(add);
    expect(outline()).toEqual(['BLUF', 'Risks', 'Discussion', 'COORDINATION']);
    expect(shown?.sections[1]?.heading).toBe('Risks');
    const key = lib.getBriefing(b.id).sections[1].key;
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION']);
    await stack.redo();
    expect(lib.getBriefing(b.id).sections[1]).toMatchObject({ heading: 'Risks', key });
  });

  it('renames and moves, and undoes both in reverse order', async () => {
    const stack = new UndoStack();
    const cmds = sectionCommands(b.id, show);
    const add = cmds.add('Risks', 3);
    await stack.execute(add);
    await stack.execute(cmds.rename(add.sectionId, 'Risks', 'Open risks'));
    await stack.execute(cmds.moveBy(add.sectionId, -1));
    expect(outline()).toEqual(['BLUF', 'Discussion', 'Open risks', 'COORDINATION']);
    expect(stack.undoLabel).toBe('Move section');
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION', 'Open risks']);
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION', 'Risks']);
    await stack.redo();
    await stack.redo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'Open risks', 'COORDINATION']);
  });

  it('moves one step per key press, however fast the presses come, and undoes each', async () => {
    const stack = new UndoStack();
    const cmds = sectionCommands(b.id, show);
    const first = lib.getBriefing(b.id).sections[0].id;
    // Queued before the first answer arrives: each step starts where the previous one ended.
    await Promise.all([stack.execute(cmds.moveBy(first, 1)), stack.execute(cmds.moveBy(first, 1))]);
    expect(outline()).toEqual(['Discussion', 'COORDINATION', 'BLUF']);
    await stack.undo();
    expect(outline()).toEqual(['Discussion', 'BLUF', 'COORDINATION']);
    await stack.redo();
    expect(outline()).toEqual(['Discussion', 'COORDINATION', 'BLUF']);
    await stack.undo();
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION']);
  });

  it('removes a section with its items; undo puts both back, and older item commands still find them', async () => {
    const stack = new UndoStack();
    const sections = sectionCommands(b.id, show);
    const items = briefingCommands(b.id, show);
    const add = sections.add('Risks', 1);
    await stack.execute(add);
    // Items added into the new section, then one moved within it: commands that name the section and items by their first ids.
    await stack.execute(
      items.add(
        [
          { kind: 'fact', factId: fact },
          { kind: 'prose', text: 'Watch prices.' },
        ],
        { section: add.sectionId, index: 0 },
      ),
    );
    const current = lib.getBriefing(b.id).sections[1];
    await stack.execute(items.move(current.items[1].id, { section: current.id, index: 1 }, { section: current.id, index: 0 }));
    expect(outline()).toEqual(['BLUF', 'Risks(Watch prices.,f)', 'Discussion', 'COORDINATION']);

    await stack.execute(sections.remove(lib.getBriefing(b.id).sections[1], 1));
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION']);
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Risks(Watch prices.,f)', 'Discussion', 'COORDINATION']);
    // Undo the move, the insert and the add: all through aliases of re-created ids.
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Risks(f,Watch prices.)', 'Discussion', 'COORDINATION']);
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Risks', 'Discussion', 'COORDINATION']);
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION']);
    // And all the way forward again.
    for (let i = 0; i < 4; i++) await stack.redo();
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION']);
    await stack.undo();
    expect(outline()).toEqual(['BLUF', 'Risks(Watch prices.,f)', 'Discussion', 'COORDINATION']);
  });

  it('puts a removed template section back with its key, so its guidance and layout return', async () => {
    const stack = new UndoStack();
    const cmds = sectionCommands(b.id, show);
    await stack.execute(cmds.remove(lib.getBriefing(b.id).sections[2], 2));
    expect(outline()).toEqual(['BLUF', 'Discussion']);
    await stack.undo();
    expect(lib.getBriefing(b.id).sections[2]).toMatchObject({ key: 'coordination', heading: 'COORDINATION' });
  });

  it('leaves the stack as it was when the core refuses (a required section)', async () => {
    const stack = new UndoStack();
    const cmds = sectionCommands(b.id, show);
    await expect(stack.execute(cmds.remove(lib.getBriefing(b.id).sections[0], 0))).rejects.toThrow(/"BLUF" is required by the template/);
    expect(stack.canUndo).toBe(false);
    expect(outline()).toEqual(['BLUF', 'Discussion', 'COORDINATION']);
  });
});
