/**
 * The real core the end-to-end harness binds: bundled by global-setup.ts with esbuild (the
 * core imports JSON modules, which Node's ES module loader refuses without attributes).
 */
export { Library } from '../../db/library';
export { createDispatcher } from '../../api/handlers';
export { loadSample } from '../../samples/load';
