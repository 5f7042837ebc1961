import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { isRecentLibrary, MAX_RECENT_LIBRARIES, recentBriefings, withRecentBriefing, withRecentLibrary } from './recent';
import { DEFAULT_STATE, StateStore } from './state-store';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());
const quiet = { warn: () => undefined };

describe('the shell state file', () => {
  it('is written atomically and read back', () => {
    const path = join(dir, 'sub', 'shell-state.json');
    const s = new StateStore(path, quiet);
    s.update((x) => ({ ...x, window: { x: 10, y: 20, width: 900, height: 700, maximized: true } }));
    expect(readdirSync(join(dir, 'sub'))).toEqual(['shell-state.json']);
    expect(new StateStore(path, quiet).get().window).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: true });
  });

  it('falls back to defaults for a damaged file, field by field', () => {
    const path = join(dir, 'shell-state.json');
    writeFileSync(path, '{ not json');
    expect(new StateStore(path, quiet).get()).toEqual(DEFAULT_STATE);
    writeFileSync(path, JSON.stringify({ version: 1, window: { width: 'wide' }, libraries: [{ path: '/a.sqlite', openedAt: '2026-01-01' }], briefings: 7 }));
    expect(new StateStore(path, quiet).get()).toEqual({ version: 1, libraries: [{ path: '/a.sqlite', openedAt: '2026-01-01' }], briefings: {} });
    expect(readFileSync(path, 'utf8')).toContain('wide'); // reading never rewrites
  });
});

describe('recent lists', () => {
  const at = new Date('2026-03-01T09:00:00Z');
  it('keeps libraries most recent first, without duplicates, bounded', () => {
    let s = DEFAULT_STATE;
    for (let i = 0; i < 15; i++) s = withRecentLibrary(s, `/lib${i}.sqlite`, at, 'linux');
    s = withRecentLibrary(s, '/lib10.sqlite', at, 'linux');
    expect(s.libraries).toHaveLength(MAX_RECENT_LIBRARIES);
    expect(s.libraries[0].path).toBe('/lib10.sqlite');
    expect(s.libraries.filter((l) => l.path === '/lib10.sqlite')).toHaveLength(1);
    expect(isRecentLibrary(s, '/LIB10.sqlite', 'linux')).toBe(false);
    expect(isRecentLibrary(s, '/LIB10.sqlite', 'win32')).toBe(true);
  });

  it('keeps briefings per library', () => {
    let s = withRecentBriefing(DEFAULT_STATE, '/a.sqlite', { id: 'b1', title: 'One' }, at, 'linux');
    s = withRecentBriefing(s, '/a.sqlite', { id: 'b2', title: 'Two' }, at, 'linux');
    s = withRecentBriefing(s, '/a.sqlite', { id: 'b1', title: 'One (renamed)' }, at, 'linux');
    expect(recentBriefings(s, '/a.sqlite', 'linux').map((b) => b.title)).toEqual(['One (renamed)', 'Two']);
    expect(recentBriefings(s, '/b.sqlite', 'linux')).toEqual([]);
  });
});
