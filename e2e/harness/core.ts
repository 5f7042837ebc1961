/**
 * The real core the end-to-end harness binds: bundled by global-setup.ts with esbuild (the
 * core imports JSON modules, which Node's ES module loader refuses without attributes).
 */
export { Library } from '../../db/library';
export { createDispatcher } from '../../api/handlers';
export { loadSample } from '../../samples/load';
// What the desktop shell does with a file before it emits `import:ready` (electron/import-file.ts).
export { importBytes, defaultDocumentReader } from '../../electron/import-file';
