import { type BrowserWindow, app, dialog, shell } from 'electron';
import type { NativeShell } from './desktop';
import { externalUrlAllowed } from './security/navigation';

/** The Electron side of NativeShell: dialogs attached to the window, shell.* calls. */
export function nativeShell(window: () => BrowserWindow | undefined): NativeShell {
  const parent = () => {
    const w = window();
    return w && !w.isDestroyed() ? w : undefined;
  };
  return {
    async saveDialog(o) {
      const w = parent();
      const r = w
        ? await dialog.showSaveDialog(w, { ...o, properties: ['createDirectory', 'showOverwriteConfirmation'] })
        : await dialog.showSaveDialog({ ...o, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      return r.canceled || !r.filePath ? undefined : r.filePath;
    },
    async openDialog(o) {
      const opts = {
        title: o.title,
        filters: o.filters,
        properties: ['openFile'] as Array<'openFile'>,
        ...(o.defaultPath ? { defaultPath: o.defaultPath } : {}),
      };
      const w = parent();
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? undefined : r.filePaths[0];
    },
    async choose(o) {
      const opts = { ...o, noLink: true, title: 'Dossier' };
      const w = parent();
      const r = w ? await dialog.showMessageBox(w, opts) : await dialog.showMessageBox(opts);
      return r.response;
    },
    openPath: (path) => shell.openPath(path),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    async openExternal(url) {
      // Checked here as well as by the caller: this is the last door before the OS.
      if (!externalUrlAllowed(url)) throw new Error('refused: not an http(s) link');
      await shell.openExternal(url, { activate: true });
    },
    documentsDir: () => app.getPath('documents'),
  };
}
