import { describe, expect, it } from 'vitest';
import { libraryChange, parseMenuCommand } from './menu-command';

describe('menu commands from the desktop shell', () => {
  it('accepts every command main sends, with only the fields it knows', () => {
    expect(parseMenuCommand({ command: 'briefing:new' })).toEqual({ command: 'briefing:new' });
    expect(parseMenuCommand({ command: 'briefing:switch', extra: 1 })).toEqual({ command: 'briefing:switch' });
    expect(parseMenuCommand({ command: 'export' })).toEqual({ command: 'export' });
    expect(parseMenuCommand({ command: 'find' })).toEqual({ command: 'find' });
    expect(parseMenuCommand({ command: 'briefing:open', briefingId: 'b1' })).toEqual({ command: 'briefing:open', briefingId: 'b1' });
  });

  it('refuses malformed and unknown commands', () => {
    for (const bad of [
      undefined,
      null,
      'find',
      3,
      {},
      { command: 'quit' },
      { command: 'briefing:open' },
      { command: 'briefing:open', briefingId: ' ' },
      { command: 'briefing:open', briefingId: 7 },
    ]) {
      expect(parseMenuCommand(bad)).toBeUndefined();
    }
  });
});

describe('library:changed', () => {
  it('reloads for an open library and explains any other state', () => {
    expect(libraryChange({ state: 'open', path: '/x.sqlite', healthy: true, problems: [] })).toEqual({ reload: true });
    expect(libraryChange({ state: 'damaged', path: '/x.sqlite', message: 'file is not a database' })).toEqual({
      reload: false,
      message: 'The library could not be opened: file is not a database',
    });
    expect(libraryChange({ state: 'closed' })).toEqual({ reload: false, message: 'The library was closed.' });
    expect(libraryChange(null)).toEqual({ reload: false, message: 'The library could not be opened: no library is open' });
  });
});
