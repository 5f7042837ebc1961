import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderHelper, ShareRequest, ShareResult } from '../citations/split-render';

export interface RenderThread {
  helper: RenderHelper;
  /** Ends the thread (idempotent); an unused thread never keeps the process alive. */
  close(): void;
}

/**
 * Whether an export should share its citations with a second engine. The second engine
 * repeats the first one's set-up and its own JIT warm-up, so it pays only where cores are to
 * spare: on 2 cores (this project's CI machines) a 500-note export took 1.6 s with it against
 * 1.2 s without, since V8's background compiler and GC already use the second core.
 * DOSSIER_RENDER_THREADS=1 or 2 overrides the choice (the benchmark times both).
 */
export function useRenderThread(env: NodeJS.ProcessEnv, cores = availableParallelism()): boolean {
  if (env.DOSSIER_RENDER_THREADS === '1') return false;
  if (env.DOSSIER_RENDER_THREADS === '2') return true;
  return cores >= 4;
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
