/**
 * A library on read-only media or in a folder the user may not write: the built command line,
 * run as an unprivileged user (root ignores file permissions, so as root the child drops to
 * `nobody`), reads and exports from it, refuses writes with a message naming the cause, and
 * leaves the file as it was.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { SAMPLE_SOURCE, tempDir } from '../db/testing/temp-library';

const BIN = join(__dirname, '..', 'bin', 'dossier.js');
const BUILT = existsSync(join(__dirname, '..', 'dist', 'cli', 'dossier.js'));
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  chmodSync(join(dir, 'shelf'), 0o755);
  cleanup();
});

function run(library: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--library', library, ...args], {
    encoding: 'utf8',
    ...(ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
    env: { PATH: process.env.PATH, HOME: dir },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!BUILT || process.platform === 'win32')('a library in a read-only folder', () => {
  it('is read and exported from; a write is refused in one line naming the cause; the file is unchanged', () => {
    const shelf = join(dir, 'shelf');
    mkdirSync(shelf);
    const path = join(shelf, 'library.sqlite');
    const lib = Library.open(path);
    const s = lib.addSource(SAMPLE_SOURCE);
    const f = lib.addFact({ text: 'The corridor reopened on Jan. 18.', sourceId: s.id });
    const b = lib.createBriefing({ title: 'Corridor', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(b.id, [{ kind: 'fact', factId: f.id }]);
    lib.close();
    chmodSync(dir, 0o755);
    chmodSync(path, 0o444);
    chmodSync(shelf, 0o555);
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');

    const facts = run(path, 'facts', '--json');
    expect(facts.code, facts.err).toBe(0);
    expect(JSON.parse(facts.out).total).toBe(1);
    const out = join(dir, 'out');
    mkdirSync(out);
    chmodSync(out, 0o777);
    const exported = run(path, 'export', 'Corridor', '--out', join(out, 'memo.docx'));
    expect(exported.code, exported.err).toBe(0);
    expect(existsSync(join(out, 'memo.docx'))).toBe(true);
    // An export records its version where it can; here it cannot, and says so.
    expect(exported.out).toMatch(/SHA-256 [0-9a-f]{64} \(not recorded in the briefing's history: the library is read-only\)/);

    const write = run(path, 'fact', 'add', '--source', s.id, '--text', 'A new fact.');
    expect(write.code).toBe(2);
    expect(write.err.trim().split('\n')).toHaveLength(1);
    expect(write.err).toMatch(/is read-only .*make the file and its folder writable, or copy it somewhere writable/);
    expect(write.err).not.toMatch(/unexpected/);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });
});
