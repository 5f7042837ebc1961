/**
 * The real core the end-to-end harness binds: bundled by global-setup.ts with esbuild (the
 * core imports JSON modules, which Node's ES module loader refuses without attributes).
 */
export { Library } from '../../db/library';
export { loadSample } from '../../samples/load';
// Prose into the library through the capture pipeline, as the benchmark seeds its sources.
export { importText } from '../../ingest/import-text';
// The repository's bulk insert (validated, duplicate-checked, FTS-indexed), as the benchmark builds its library.
export { checkFactInput, insertFacts } from '../../db/repo/facts';
// The desktop shell's own logic (no Electron in it), for specs that bind the shell contract too.
export { Desktop } from '../../electron/desktop';
export { createShellDispatcher } from '../../electron/shell-handlers';
export { StateStore } from '../../electron/state-store';
export { WrittenFiles } from '../../api/host/write-grants';
// The core process and the client the desktop shell drives it with (here over a Node child process).
export { CoreClient, CoreCallError } from '../../api/host/client';
export { nodeCoreChannel } from '../../api/host/node-channel';
// The team library (issue 16): a throwaway PostgreSQL cluster, a team on it, a colleague's library syncing beside the app's.
export { postgresBinaries, startCluster } from '../../team/testing/pg-cluster';
export { teamFixture } from '../../team/testing/team-fixture';
export { startProxy } from '../../team/testing/tcp-proxy';
export { linkLibrary } from '../../team/link';
export { syncOnce } from '../../team/sync';
export { addUser } from '../../team/server/index';
