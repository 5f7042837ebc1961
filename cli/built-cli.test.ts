/**
 * The built command line (dist/, made by `npm run build`, which `npm test` runs first) in a
 * real process: its export shares the citations with a second engine on a worker thread,
 * which only exists in the built form. The file must be the one a single engine writes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { exportBriefing } from '../export/export-briefing';
import { openDocx } from '../export/testing/docx-parts';
import { getTemplate } from '../export/template/index';
import { readFileSync } from 'node:fs';

const BIN = join(__dirname, '..', 'bin', 'dossier.js');
const BUILT = existsSync(join(__dirname, '..', 'dist', 'cli', 'render-worker.js'));

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** A background brief citing 40 sources 220 times, with Ibid. runs and repeated authors. */
function buildLibrary(path: string): string {
  const lib = Library.open(path);
  const families = ['Okafor', 'Lee', 'Petrov', 'Duarte', 'Lindqvist'];
  const sources = Array.from(
    { length: 40 },
    (_, i) =>
      lib.addSource({
        type: i % 3 === 0 ? 'report' : 'article-newspaper',
        title: `Grain corridor report number ${i + 1}`,
        authors: [{ family: families[i % families.length], given: i % 2 ? 'Ada' : 'Min-jun' }],
        ...(i % 3 ? { containerTitle: 'The Harbour Times' } : { publisher: 'Institute for Trade Studies' }),
        issued: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
      }).id,
  );
  const template = getTemplate('background-brief');
  const b = lib.createBriefing(
    { title: 'Split export', templateId: template.id, styleId: 'chicago-fullnote-bibliography-with-ibid' },
    template.sections.map((s) => ({ key: s.key, heading: s.heading })),
  );
  const items = Array.from({ length: 220 }, (_, i) => {
    const sourceId = sources[i % 7 === 3 ? (i - 1) % 40 : (i * 13) % 40];
    const f = lib.addFact({ text: `Finding ${i + 1} about shipments.`, sourceId, locator: { label: 'page', value: String(1 + (i % 50)) } });
    return { kind: 'fact' as const, factId: f.id };
  });
  lib.addItems(b.id, items, template.sections[1].key);
  lib.close();
  return b.id;
}

describe.skipIf(!BUILT)('built command line', () => {
  it('exports with two citation engines and writes what one engine writes', async () => {
    const path = join(dir, 'lib.sqlite');
    const id = buildLibrary(path);
    const out = join(dir, 'two.docx');
    const r = spawnSync(process.execPath, [BIN, '--library', path, 'export', id, '--out', out, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, DOSSIER_RENDER_THREADS: '2' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { notes: number; citationEngines: number };
    expect(result.notes).toBe(220);
    expect(result.citationEngines).toBe(2);

    const lib = Library.open(path);
    const single = await exportBriefing(lib, id, { out: join(dir, 'one.docx') });
    lib.close();
    expect(single.citationEngines).toBe(1);
    const one = openDocx(readFileSync(single.path));
    const two = openDocx(readFileSync(out));
    expect(two.part('word/footnotes.xml')).toBe(one.part('word/footnotes.xml'));
    expect(two.part('word/document.xml')).toBe(one.part('word/document.xml'));
    expect(one.part('word/footnotes.xml')).toContain('Ibid.');
  });
});

describe.skipIf(!BUILT)('built command line and a closed output pipe', () => {
  it('finishes the export when the reader has gone (`dossier export … | true`)', () => {
    const path = join(dir, 'lib.sqlite');
    const id = buildLibrary(path);
    const out = join(dir, 'piped.docx');
    // `true` exits without reading: every write to the pipe fails with EPIPE.
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" --library "${path}" export ${id} --out "${out}" | true`], {
      encoding: 'utf8',
      env: { ...process.env, DOSSIER_RENDER_THREADS: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(openDocx(readFileSync(out)).part('word/footnotes.xml')).toContain('Ibid.');
  });
});

describe('choosing a second engine', () => {
  it('uses one where cores are to spare, and follows DOSSIER_RENDER_THREADS', async () => {
    const { useRenderThread } = await import('./render-thread');
    expect(useRenderThread({}, 2)).toBe(false);
    expect(useRenderThread({}, 8)).toBe(true);
    expect(useRenderThread({ DOSSIER_RENDER_THREADS: '1' }, 8)).toBe(false);
    expect(useRenderThread({ DOSSIER_RENDER_THREADS: '2' }, 2)).toBe(true);
  });
});
