/**
 * The note cache across processes, on the built command line (`npm run build`): the second
 * `dossier export` of an unchanged briefing takes its notes from the library, and writes the
 * file the first one wrote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { openDocx } from '../export/testing/docx-parts';
import { loadSample } from '../samples/load';

const BIN = join(__dirname, '..', 'bin', 'dossier.js');
const BUILT = existsSync(join(__dirname, '..', 'dist', 'cli', 'dossier.js'));

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function exportIn(path: string, id: string, out: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, '--library', path, 'export', id, '--out', out, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_RENDER_THREADS: '1', ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { notes: number; notesFrom: { cache: string; reused: number } };
}

describe.skipIf(!BUILT)('notes kept with the briefing, between processes', () => {
  it('renders every note in the first process and none in the next', () => {
    const path = join(dir, 'lib.sqlite');
    const lib = Library.open(path);
    const id = loadSample(lib, new Date('2025-02-01T12:00:00Z'));
    lib.close();
    const cold = exportIn(path, id, join(dir, 'cold.docx'), { DOSSIER_NO_NOTE_CACHE: '1' });
    expect(cold.notesFrom).toEqual({ cache: 'none', reused: 0 });
    const cached = exportIn(path, id, join(dir, 'cached.docx'));
    expect(cached.notesFrom).toEqual({ cache: 'document', reused: cached.notes });
    const part = (file: string, name: string) => openDocx(readFileSync(join(dir, file))).part(name);
    for (const name of ['word/footnotes.xml', 'word/document.xml']) expect(part('cached.docx', name), name).toBe(part('cold.docx', name));
    expect(part('cached.docx', 'word/footnotes.xml')).toContain('Ibid.');
  });
});
