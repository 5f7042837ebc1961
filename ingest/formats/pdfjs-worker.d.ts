// pdfjs-dist ships no declarations for its worker module; it is imported only for its side effect
// (registering globalThis.pdfjsWorker) and for WorkerMessageHandler.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
