/**
 * Exports are byte-identical to the recorded ones for the same inputs (issue 15): the speed
 * work (no layout engine for a page count that is not close, start-up, rendered notes kept in
 * the library, a faster bulk import) must not change one byte of a file where nothing should
 * change. The inputs are pinned — ids, the clock, Zotero's random session id — and every export
 * is compared with `testing/golden-exports.json`, file by file and part by part.
 *
 * A change that is meant to change output records the new files with
 * `DOSSIER_UPDATE_GOLDEN=1 npx vitest run export/byte-identical.test.ts` and says why in its
 * commit; the diff of the JSON shows which parts moved.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefing, buildWrittenBriefing, EXPORT_SIZES } from '../bench/export-bench';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { exportBriefing } from './export-briefing';
import { builtInTemplates } from './template/load';
import { readZip } from './docx/zip';

// Ids in the order they are made, as random UUIDs look: sources and citation ids are written into the file.
vi.mock('../core/ids', async (original) => {
  const real = await original<typeof import('../core/ids')>();
  let n = 0;
  return { ...real, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
});
// Zotero's document session id is 8 random characters (export/docx/zotero-document.ts).
vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, randomBytes: (size: number) => Buffer.alloc(size, 7) };
});

const NOW = new Date('2026-03-02T09:30:00.000Z');
const GOLDEN = join(__dirname, 'testing', 'golden-exports.json');
const update = process.env.DOSSIER_UPDATE_GOLDEN === '1';

interface Recorded {
  sha256: string;
  /** For a .docx, each part's SHA-256: which part moved when the file does. */
  parts?: Record<string, string>;
}

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const golden: Record<string, Recorded> = update ? {} : (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Recorded>);
const seen: Record<string, Recorded> = {};

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  ({ dir, cleanup } = tempDir());
});
afterAll(() => {
  vi.useRealTimers();
  cleanup();
  if (update) writeFileSync(GOLDEN, JSON.stringify(seen, null, 2) + '\n');
});

function record(name: string, file: string): void {
  const data = readFileSync(file);
  const entry: Recorded = { sha256: sha(data) };
  if (file.endsWith('.docx')) entry.parts = Object.fromEntries(readZip(data).map((e) => [e.name, sha(e.data)]));
  seen[name] = entry;
  if (update) return;
  const expected = golden[name];
  expect(expected, `${name} is recorded in testing/golden-exports.json`).toBeDefined();
  if (entry.sha256 === expected.sha256) return;
  // Name the parts that moved before failing on the whole file.
  expect(entry.parts ?? {}, `${name}: parts`).toEqual(expected.parts ?? {});
  expect(entry.sha256, `${name}: the file`).toBe(expected.sha256);
}

async function exportAs(lib: Library, briefingId: string, name: string, opts: { templateId?: string; styleId?: string; notes?: 'endnotes' } = {}) {
  for (const ext of ['docx', 'md', 'txt'] as const) {
    const out = join(dir, `${name}.${ext}`);
    await exportBriefing(lib, briefingId, { out, today: NOW, ...opts });
    record(`${name}.${ext}`, out);
  }
}

describe('exports are byte-identical to the recorded ones', () => {
  it('the sample memo in every built-in template, footnotes and endnotes, notes and author-date', async () => {
    const lib = Library.open(join(dir, 'sample.sqlite'));
    const id = loadSample(lib, NOW);
    for (const t of builtInTemplates()) await exportAs(lib, id, `sample-${t.id}`, { templateId: t.id });
    await exportAs(lib, id, 'sample-endnotes', { notes: 'endnotes' });
    await exportAs(lib, id, 'sample-apa', { styleId: 'apa' });
    lib.close();
  }, 60_000);

  it('the benchmark briefings: 12 notes on one source, 50 on twenty, and prose citing facts mid-sentence', async () => {
    for (const size of EXPORT_SIZES.filter((s) => s.citations <= 50)) {
      const built = buildBriefing(dir, size);
      const lib = Library.open(built.path);
      await exportAs(lib, built.briefingId, `bench-${size.citations}`);
      lib.close();
    }
    const written = buildWrittenBriefing(dir, 60);
    const lib = Library.open(written.path);
    await exportAs(lib, written.briefingId, 'written-60');
    lib.close();
  }, 60_000);
});
