import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call, errorMessage, hasShellEvents, onShellEvent } from './api';
import { BriefingEditor } from './briefing/BriefingEditor';
import { BriefingSwitcher } from './briefing/BriefingSwitcher';
import { NewBriefingDialog } from './briefing/NewBriefingDialog';
import { CaptureView } from './capture/CaptureView';
import { LibraryView } from './library/LibraryView';
import { fileFromDrop, fileFromImportEvent, MAX_DROP_BYTES } from './shell/incoming';
import { libraryChange, parseMenuCommand, type ViewRequest } from './shell/menu-command';
import { SourcesView } from './sources/SourcesView';
import { TagsView } from './tags/TagsView';
import { Sidebar } from './Sidebar';
import { AppProvider, useApp, type View } from './state';
import { StatusBar } from './StatusBar';
import { Toasts } from './ui/Toasts';

export function App() {
  return (
    <AppProvider>
      <Workspace />
    </AppProvider>
  );
}

function Workspace() {
  const app = useApp();
  const [newBriefing, setNewBriefing] = useState(false);
  // File ▸ Open Briefing… outside the editor (the editor has its own switcher).
  const [switcher, setSwitcher] = useState(false);
  const [request, setRequest] = useState<ViewRequest>();
  const requestSeq = useRef(0);
  const viewKey = keyOf(app.view);
  // A request is for the view it was made for: moving elsewhere drops it, so it never fires later.
  useEffect(() => setRequest((r) => (r && r.target !== viewKey ? undefined : r)), [viewKey]);
  const takeRequest = useCallback((seq: number) => setRequest((r) => (r?.seq === seq ? undefined : r)), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setNewBriefing(true);
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        app.navigate({ name: 'library' });
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'i') {
        e.preventDefault();
        app.navigate({ name: 'capture' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);

  // Files the desktop shell read (File ▸ Import…, a second launch, the OS "open with"): shown in
  // Capture for review, exactly like a file chosen there. Without the shell there are no events.
  const { openInCapture, notify } = app;
  useEffect(() => {
    if (!hasShellEvents()) return;
    return onShellEvent('import:ready', (payload) => {
      const file = fileFromImportEvent(payload);
      if (file) openInCapture(file);
      else notify('The desktop shell sent an import this version cannot read.', 'error');
    });
  }, [openInCapture, notify]);

  // The native menu (File, Edit): commands that need what only the workspace knows — the view,
  // the open briefing. The latest view is read through a ref so the subscription stays put.
  const { navigate, reloadLibrary } = app;
  const view = useRef(app.view);
  view.current = app.view;
  useEffect(() => {
    if (!hasShellEvents()) return;
    const ask = (action: ViewRequest['action'], target: View) => setRequest({ seq: ++requestSeq.current, action, target: keyOf(target) });
    return onShellEvent('menu:command', (payload) => {
      const cmd = parseMenuCommand(payload);
      const v = view.current;
      if (!cmd) notify('The desktop shell sent a menu command this version does not know.', 'error');
      else if (cmd.command === 'briefing:new') setNewBriefing(true);
      else if (cmd.command === 'briefing:open') {
        // Recent Briefings is remembered across libraries: check this one still has it.
        call('briefings:get', cmd.briefingId).then(
          (b) => navigate({ name: 'briefing', id: b.id }),
          (e: unknown) => notify(e instanceof ApiError && e.code === 'not_found' ? 'That briefing is not in this library any more.' : errorMessage(e), 'error'),
        );
      } else if (cmd.command === 'briefing:switch') {
        if (v.name === 'briefing') ask('switch', v);
        else setSwitcher(true);
      } else if (cmd.command === 'export') {
        if (v.name === 'briefing') ask('export', v);
        else notify('No briefing is open to export. Open one first (Ctrl+O).');
      } else {
        navigate({ name: 'library' });
        ask('find', { name: 'library' });
      }
    });
  }, [navigate, notify]);

  // The library was opened, switched or restored behind the window: show what is in it now.
  useEffect(() => {
    if (!hasShellEvents()) return;
    return onShellEvent('library:changed', (payload) => {
      const change = libraryChange(payload);
      if (change.reload) void reloadLibrary();
      else notify(change.message, 'error');
    });
  }, [reloadLibrary, notify]);

  // The core process stopped and a new one took over: one line saying what happened and during
  // what (the file being read). The library reloads through the library:changed that follows.
  useEffect(() => {
    if (!hasShellEvents()) return;
    return onShellEvent('core:restarted', (payload) => {
      const message = (payload as { message?: unknown } | null)?.message;
      notify(typeof message === 'string' ? message.slice(0, 300) : 'Dossier’s core stopped and was restarted. Your library is safe.', 'error');
    });
  }, [notify]);

  // A file dropped anywhere on the window (Capture's own drop zone handles drops on it first).
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      if (e.defaultPrevented || !hasFiles(e)) return;
      e.preventDefault();
      const f = e.dataTransfer?.files[0];
      if (!f) return;
      if (f.size > MAX_DROP_BYTES) {
        notify(`${f.name} is larger than 20 MB; split it first.`, 'error');
        return;
      }
      fileFromDrop(f).then(openInCapture, (err: unknown) => notify(`Could not read ${f.name}: ${errorMessage(err)}`, 'error'));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [openInCapture, notify]);

  return (
    <div className="app">
      <Sidebar onNewBriefing={() => setNewBriefing(true)} />
      <main className="main" id="main">
        {!app.connected ? (
          <div className="empty-state">
            <h1>Dossier is not connected</h1>
            <p>This window has no connection to the library. Start Dossier from its desktop application.</p>
          </div>
        ) : app.view.name === 'library' ? (
          <LibraryView request={request?.target === viewKey ? request : undefined} onRequestTaken={takeRequest} />
        ) : app.view.name === 'capture' ? (
          <CaptureView />
        ) : app.view.name === 'sources' ? (
          <SourcesView selectedId={app.view.id} />
        ) : app.view.name === 'tags' ? (
          <TagsView />
        ) : (
          <BriefingEditor key={app.view.id} briefingId={app.view.id} request={request?.target === viewKey ? request : undefined} onRequestTaken={takeRequest} />
        )}
      </main>
      <StatusBar />
      {newBriefing && <NewBriefingDialog onClose={() => setNewBriefing(false)} />}
      {switcher && <BriefingSwitcher onClose={() => setSwitcher(false)} />}
      <Toasts />
    </div>
  );
}

/** Names a view for requests: a briefing by its id, any other view by its name. */
function keyOf(v: View): string {
  return v.name === 'briefing' ? `briefing:${v.id}` : v.name;
}
