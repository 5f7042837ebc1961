import { describe, expect, it } from 'vitest';
import { briefingCommands, itemInput } from './commands';

describe('prose edits on the undo stack', () => {
  const cmds = briefingCommands('briefing', () => undefined);

  it('merges typing into one step, but a citation edit is a step of its own', () => {
    const typing = cmds.updateItem('item', { text: 'a' }, { text: 'ab' }, 'Edit text');
    expect(typing.merge!(cmds.updateItem('item', { text: 'ab' }, { text: 'abc' }, 'Edit text'))).toBe(true);
    expect(typing.after).toEqual({ text: 'abc' });
    const cite = cmds.updateItem('item', { text: 'abc' }, { text: 'abc [@x]' }, 'Insert citation');
    expect(typing.merge!(cite)).toBe(false);
    // Several changes in one chip's editor are one step.
    const edit = cmds.updateItem('item', { text: 'abc [@x]' }, { text: 'abc [@x, p. 4]' }, 'Edit citation');
    expect(edit.merge!(cmds.updateItem('item', { text: 'abc [@x, p. 4]' }, { text: 'abc [@x, p. 45]' }, 'Edit citation'))).toBe(true);
    expect(edit.after).toEqual({ text: 'abc [@x, p. 45]' });
    expect(edit.before).toEqual({ text: 'abc [@x]' });
  });

  it('keeps a placed fact’s wording and raised mark when an undone removal puts it back', () => {
    expect(itemInput({ id: 'i', kind: 'fact', factId: 'f', wording: 'Reworded.', marking: 'cui' })).toEqual({
      kind: 'fact',
      factId: 'f',
      wording: 'Reworded.',
      marking: 'cui',
    });
    expect(itemInput({ id: 'p', kind: 'prose', text: 'x', marking: 'cui' })).toEqual({ kind: 'prose', text: 'x', marking: 'cui' });
  });
});
