import { parentPort } from 'node:worker_threads';
import { renderShare, type ShareRequest } from '../citations/split-render';

/**
 * Entry of the command line's render thread (render-thread.ts): renders one share of a
 * document and its bibliography, then waits to be ended. Importing split-render here loads
 * citeproc and the bundled styles while the main thread opens the library.
 */
parentPort!.once('message', (request: ShareRequest) => {
  try {
    parentPort!.postMessage({ ok: true, result: renderShare(request) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
