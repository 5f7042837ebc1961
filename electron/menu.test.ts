import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type MenuActions, menuLabel, menuTemplate } from './menu';

const actions = new Proxy({} as Record<string, ReturnType<typeof vi.fn>>, {
  get: (t, k: string) => (t[k] ??= vi.fn()),
}) as unknown as MenuActions & Record<string, ReturnType<typeof vi.fn>>;

function model(platform: NodeJS.Platform, over: Partial<Parameters<typeof menuTemplate>[0]> = {}) {
  return menuTemplate({ platform, dev: false, libraryOpen: true, recentBriefings: [], recentLibraries: [], actions, ...over });
}
const items = (m: MenuItemConstructorOptions[], label: string) => m.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];
const find = (list: MenuItemConstructorOptions[], label: string) => list.find((i) => i.label === label)!;

describe('the application menu', () => {
  it('has File, Edit, View and Help with the usual shortcuts', () => {
    const m = model('win32');
    expect(m.map((i) => i.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = items(m, '&File');
    expect(file.filter((i) => i.label).map((i) => [i.label, i.accelerator])).toEqual([
      ['New Briefing', 'CmdOrCtrl+N'],
      ['Open Briefing…', 'CmdOrCtrl+O'],
      ['Recent Briefings', undefined],
      ['Import File…', 'CmdOrCtrl+Shift+I'],
      ['Export…', 'CmdOrCtrl+Shift+E'],
      ['Open Library…', 'CmdOrCtrl+Shift+O'],
      ['New Library…', 'CmdOrCtrl+Shift+N'],
      ['Recent Libraries', undefined],
      ['Backup Now', undefined],
      ['Restore Backup…', undefined],
      ['E&xit', undefined],
    ]);
    expect(
      items(m, '&Edit')
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
  });

  it('leaves the editor its formatting shortcuts', () => {
    const taken = JSON.stringify(model('linux', { dev: true })).match(/"accelerator":"[^"]+"/g) ?? [];
    for (const key of [
      'CmdOrCtrl+B',
      'CmdOrCtrl+I',
      'CmdOrCtrl+U',
      'CmdOrCtrl+E',
      'CmdOrCtrl+K',
      'CmdOrCtrl+Shift+B',
      'CmdOrCtrl+Shift+S',
      'CmdOrCtrl+Shift+X',
    ]) {
      expect(taken).not.toContain(`"accelerator":"${key}"`);
    }
  });

  it('gives no key to two menu items, counting the shortcuts Electron gives its roles', () => {
    // Electron's default accelerators for the roles used here (electron/lib/browser/api/menu-item-roles.ts).
    const roleKeys: Record<string, string> = {
      undo: 'CmdOrCtrl+Z',
      redo: process.platform === 'win32' ? 'Control+Y' : 'Shift+CmdOrCtrl+Z',
      cut: 'CmdOrCtrl+X',
      copy: 'CmdOrCtrl+C',
      paste: 'CmdOrCtrl+V',
      pasteAndMatchStyle: 'Shift+CmdOrCtrl+V',
      selectAll: 'CmdOrCtrl+A',
      reload: 'CmdOrCtrl+R',
      forceReload: 'Shift+CmdOrCtrl+R',
      resetZoom: 'CmdOrCtrl+0',
      zoomIn: 'CmdOrCtrl+Plus',
      zoomOut: 'CmdOrCtrl+-',
      togglefullscreen: 'F11',
      close: 'CmdOrCtrl+W',
      quit: 'CmdOrCtrl+Q',
    };
    // "Shift+CmdOrCtrl+O" and "cmdorctrl+shift+o" are the same key.
    const norm = (acc: string) => acc.toLowerCase().split('+').sort().join('+');
    const keys = (list: MenuItemConstructorOptions[]): [string, string][] =>
      list.flatMap((i) => {
        const own = i.accelerator ?? (i.role ? roleKeys[i.role] : undefined);
        const here: [string, string][] = own ? [[norm(String(own)), String(i.label ?? i.role)]] : [];
        return [...here, ...(Array.isArray(i.submenu) ? keys(i.submenu) : [])];
      });
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const all = keys(model(platform, { dev: true, recentBriefings: [{ id: 'b1', title: 'Ports', openedAt: '' }] }));
      expect(all.length).toBeGreaterThan(15);
      const seen = new Map<string, string>();
      for (const [key, label] of all) {
        expect(seen.get(key), `${label} and ${seen.get(key)} both take ${key} on ${platform}`).toBeUndefined();
        seen.set(key, label);
      }
    }
    // The check itself sees a clash.
    const clash = keys([
      { label: 'A', accelerator: 'CmdOrCtrl+Shift+O' },
      { label: 'B', accelerator: 'Shift+CmdOrCtrl+o' },
    ]);
    expect(new Set(clash.map(([k]) => k)).size).toBe(1);
  });

  it('sends Open Briefing… to the renderer and keeps Open Library… on Ctrl+Shift+O', () => {
    const file = items(model('linux'), '&File');
    (find(file, 'Open Briefing…').click as () => void)();
    expect(actions.switchBriefing).toHaveBeenCalledTimes(1);
    (find(file, 'Open Library…').click as () => void)();
    expect(actions.openLibrary).toHaveBeenCalledTimes(1);
    expect(find(items(model('linux', { libraryOpen: false }), '&File'), 'Open Briefing…').enabled).toBe(false);
  });

  it('has the macOS app and window menus there, and no reload or DevTools in production', () => {
    const mac = model('darwin');
    expect(mac[0].role).toBe('appMenu');
    expect(mac.some((i) => i.role === 'windowMenu')).toBe(true);
    expect(JSON.stringify(model('linux'))).not.toMatch(/toggleDevTools|"reload"/);
    expect(JSON.stringify(model('linux', { dev: true }))).toMatch(/toggleDevTools/);
  });

  it('lists recent briefings and libraries and calls back with their ids', () => {
    const m = model('linux', {
      recentBriefings: [{ id: 'b1', title: 'Grain & ports\u202e', openedAt: '' }],
      recentLibraries: [{ path: '/x/lib.sqlite', name: 'lib.sqlite', openedAt: '', exists: true }],
    });
    const file = items(m, '&File');
    const b = (find(file, 'Recent Briefings').submenu as MenuItemConstructorOptions[])[0];
    expect(b.label).toBe('Grain && ports');
    (b.click as () => void)();
    expect(actions.openRecentBriefing).toHaveBeenCalledWith('b1');
    const l = (find(file, 'Recent Libraries').submenu as MenuItemConstructorOptions[])[0];
    (l.click as () => void)();
    expect(actions.openRecentLibrary).toHaveBeenCalledWith('/x/lib.sqlite');
  });

  it('disables library commands while no library is open', () => {
    const file = items(model('linux', { libraryOpen: false }), '&File');
    expect(find(file, 'New Briefing').enabled).toBe(false);
    expect(find(file, 'Open Library…').enabled).toBeUndefined();
  });

  it('keeps labels to one short line', () => {
    expect(menuLabel('a\nb\tc')).toBe('a b c');
    expect(menuLabel('x'.repeat(100))).toHaveLength(58);
  });
});
