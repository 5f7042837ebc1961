import { Worker } from 'node:worker_threads';
import type { RenderHelper, ShareRequest, ShareResult } from '../citations/split-render';

export interface RenderThread {
  helper: RenderHelper;
  /** Ends the thread (idempotent); an unused thread never keeps the process alive. */
  close(): void;
}

type Reply = { ok: true; result: ShareResult } | { ok: false; error: string };

/**
 * A worker thread running render-worker.ts: the second engine of a split render
 * (citations/split-render.ts). Started before the library is even opened, so it has loaded
 * citeproc and the style by the time the first engine has the document.
 */
export function startRenderThread(script: URL): RenderThread {
  const worker = new Worker(script);
  worker.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };
  const helper: RenderHelper = (request: ShareRequest) =>
    new Promise<ShareResult>((resolve, reject) => {
      if (closed) return reject(new Error('render thread closed'));
      worker.once('message', (reply: Reply) => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error))));
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('render thread ended')));
      worker.postMessage(request);
    }).finally(close);
  return { helper, close };
}
