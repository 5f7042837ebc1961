/**
 * The core process: started by the desktop app as an Electron utilityProcess (`process.parentPort`)
 * and by tests and the command line as a Node child process (`process.send`). Both carry the
 * same messages (api/host/protocol.ts) to the same CoreService.
 */
import { CoreService } from './core-service';
import { type DocumentReader, defaultDocumentReader } from './import-file';
import type { FromCore, MessageEnd } from './protocol';
import { serveCore } from './serve';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function parentEnd(): MessageEnd<FromCore> {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) return { post: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data)) };
  if (process.send) {
    // The parent going away (main crashed) ends the core too: no orphan holding the library open.
    process.on('disconnect', () => process.exit(0));
    return { post: (m) => process.send!(m), onMessage: (l) => process.on('message', l) };
  }
  throw new Error('the core process must be started by Dossier (no parent port)');
}

/**
 * Drills only (DOSSIER_CORE_FAULT, read by the crash and hang tests): a parser that never
 * returns, or one that takes the process down, at the first file read.
 */
function readerFor(fault: string | undefined): DocumentReader {
  if (fault === 'hang-in-parser') {
    return () => {
      for (;;) {
        // A loop that never yields, as a parser stuck on a hostile file would be.
      }
    };
  }
  if (fault === 'crash-in-parser') return () => process.abort();
  return defaultDocumentReader;
}

const log = { info: (m: string) => console.log(`[dossier core] ${m}`), warn: (m: string) => console.warn(`[dossier core] ${m}`) };
serveCore(parentEnd(), (options) => new CoreService(options, readerFor(process.env.DOSSIER_CORE_FAULT), log));
