import type { MenuItemConstructorOptions } from 'electron';
import type { RecentBriefing, RecentLibrary } from './types';

/**
 * The native menu as data: a pure function of the platform and the recent lists, so a test
 * can read it. Edit uses Electron's roles (undo, redo, cut, copy, paste…), which act on the
 * focused text field natively and need no clipboard permission in the renderer.
 *
 * Menu accelerators are taken before the page sees the key, so none may shadow the editor's
 * own (Tiptap: Mod-B/I/U/E/K, Mod-Shift-B/S/7/8, Mod-Alt-0…6): hence Shift+E for Export and
 * Shift+I for Import, and no shortcut for Backup Now. Ctrl+O is the briefing switcher the
 * editor has always offered (File ▸ Open Briefing…), so Open Library… takes Ctrl+Shift+O.
 */
export interface MenuActions {
  newBriefing(): void;
  switchBriefing(): void;
  openLibrary(): void;
  newLibrary(): void;
  importFile(): void;
  exportBriefing(): void;
  backupNow(): void;
  restoreBackup(): void;
  openRecentBriefing(id: string): void;
  openRecentLibrary(path: string): void;
  find(): void;
  showLibraryInFolder(): void;
  showBackupsFolder(): void;
  about(): void;
}

export interface MenuModel {
  platform: NodeJS.Platform;
  /** Reload and DevTools only in development. */
  dev: boolean;
  libraryOpen: boolean;
  recentBriefings: readonly RecentBriefing[];
  recentLibraries: readonly RecentLibrary[];
  actions: MenuActions;
}

export function menuTemplate(m: MenuModel): MenuItemConstructorOptions[] {
  const mac = m.platform === 'darwin';
  const a = m.actions;
  const needsLibrary = { enabled: m.libraryOpen };

  const recentBriefings: MenuItemConstructorOptions[] = m.recentBriefings.length
    ? m.recentBriefings.map((b) => ({ label: menuLabel(b.title || 'Untitled'), click: () => a.openRecentBriefing(b.id) }))
    : [{ label: 'No recent briefings', enabled: false }];
  const recentLibraries: MenuItemConstructorOptions[] = m.recentLibraries.length
    ? m.recentLibraries.map((l) => ({ label: menuLabel(l.name), sublabel: l.path, enabled: l.exists, click: () => a.openRecentLibrary(l.path) }))
    : [{ label: 'No recent libraries', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Briefing', accelerator: 'CmdOrCtrl+N', click: () => a.newBriefing(), ...needsLibrary },
      { label: 'Open Briefing…', accelerator: 'CmdOrCtrl+O', click: () => a.switchBriefing(), ...needsLibrary },
      { label: 'Recent Briefings', submenu: recentBriefings, ...needsLibrary },
      { type: 'separator' },
      { label: 'Import File…', accelerator: 'CmdOrCtrl+Shift+I', click: () => a.importFile(), ...needsLibrary },
      { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: () => a.exportBriefing(), ...needsLibrary },
      { type: 'separator' },
      { label: 'Open Library…', accelerator: 'CmdOrCtrl+Shift+O', click: () => a.openLibrary() },
      { label: 'New Library…', accelerator: 'CmdOrCtrl+Shift+N', click: () => a.newLibrary() },
      { label: 'Recent Libraries', submenu: recentLibraries },
      { type: 'separator' },
      { label: 'Backup Now', click: () => a.backupNow(), ...needsLibrary },
      { label: 'Restore Backup…', click: () => a.restoreBackup() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => a.find(), ...needsLibrary },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      // F12: Ctrl+Shift+I is Import File… here.
      ...(m.dev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools', accelerator: 'F12' }, { type: 'separator' }] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Show Library in Folder', click: () => a.showLibraryInFolder(), ...needsLibrary },
      { label: 'Show Backups Folder', click: () => a.showBackupsFolder(), ...needsLibrary },
      ...(mac ? [] : ([{ type: 'separator' }, { label: 'About Dossier', click: () => a.about() }] as MenuItemConstructorOptions[])),
    ],
  };

  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    edit,
    view,
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    help,
  ];
}

/** Menu labels treat & as a mnemonic marker on Windows/Linux, and must stay one short line. */
export function menuLabel(text: string): string {
  const one = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const short = one.length > 60 ? `${one.slice(0, 57)}…` : one;
  return short.replace(/&/g, '&&');
}
