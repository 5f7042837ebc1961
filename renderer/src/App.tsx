import { useEffect, useState } from 'react';
import { BriefingEditor } from './briefing/BriefingEditor';
import { NewBriefingDialog } from './briefing/NewBriefingDialog';
import { CaptureView } from './capture/CaptureView';
import { LibraryView } from './library/LibraryView';
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
