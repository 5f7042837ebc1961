import { useEffect, useState } from 'react';
import { errorMessage, hasShellEvents, onShellEvent } from './api';
import { BriefingEditor } from './briefing/BriefingEditor';
import { NewBriefingDialog } from './briefing/NewBriefingDialog';
import { CaptureView } from './capture/CaptureView';
import { LibraryView } from './library/LibraryView';
import { fileFromDrop, fileFromImportEvent, MAX_DROP_BYTES } from './shell/incoming';
import { SourcesView } from './sources/SourcesView';
import { TagsView } from './tags/TagsView';
import { Sidebar } from './Sidebar';
import { AppProvider, useApp } from './state';
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
          <LibraryView />
        ) : app.view.name === 'capture' ? (
          <CaptureView />
        ) : app.view.name === 'sources' ? (
          <SourcesView selectedId={app.view.id} />
        ) : app.view.name === 'tags' ? (
          <TagsView />
        ) : (
          <BriefingEditor key={app.view.id} briefingId={app.view.id} />
        )}
      </main>
      <StatusBar />
      {newBriefing && <NewBriefingDialog onClose={() => setNewBriefing(false)} />}
      <Toasts />
    </div>
  );
}
