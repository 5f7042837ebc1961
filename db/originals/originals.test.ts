import Database from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { normaliseQuoteText } from '../../core/quote-text';
import type { Library } from '../library';
import { Library as LibraryClass } from '../library';
import { restoreLibrary } from '../restore';
import { tempLibrary } from '../testing/temp-library';
import { readDocument } from '../../ingest/formats/index';
import { captureDocument } from '../../ingest/capture';
import { capturePdf, PORT_QUOTE, reportPdf } from './testing/captured-pdf';
import { benchParagraphs } from '../../ingest/formats/bench';
import { buildReportPdf } from '../../ingest/formats/testing/report-pdf';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function temp() {
  const t = tempLibrary();
  cleanup = t.cleanup;
  return t;
}

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await reportPdf();
});

const count = (lib: Library, table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Overwrites a stored column of an original with raw SQL, as damage or tampering would. */
function tamper(path: string, column: 'compressed' | 'passages', change: (b: Buffer) => Buffer): void {
  const raw = new Database(path);
  const row = raw.prepare(`SELECT sha256, ${column} AS v FROM originals`).get() as { sha256: string; v: Buffer };
  raw.prepare(`UPDATE originals SET ${column} = ? WHERE sha256 = ?`).run(change(row.v), row.sha256);
  raw.close();
}

describe('the original of a captured file', () => {
  it('is kept with its source: hashed, deflated, with its text by page', async () => {
    const { lib } = temp();
    const r = await capturePdf(lib, pdf);
    const source = (r.source as { id: string }).id;
    const [o, ...more] = lib.originalsOfSource(source);
    expect(more).toEqual([]);
    expect(o).toMatchObject({ mediaType: 'application/pdf', byteSize: pdf.length, fileName: 'working-paper-12.pdf' });
    expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(o.capturedAt.slice(0, 4)).toMatch(/^20\d\d$/);
    // Deflated bytes come back as the very file.
    const stored = lib.db.prepare('SELECT compressed FROM originals').pluck().get() as Buffer;
    expect(Buffer.compare(inflateRawSync(stored), Buffer.from(pdf))).toBe(0);
    expect(count(lib, 'original_search')).toBeGreaterThan(10);
  });

  it('shows a fact in its stored original at its page, its words marked', async () => {
    const { lib } = temp();
    const r = await capturePdf(lib, pdf);
    const quote = r.facts.find((f) => f.text.includes('keep the corridor open'))!;
    expect(quote).toMatchObject({ kind: 'quote', locator: { label: 'page' } });
    const c = lib.factContext(quote.id);
    if (c.status !== 'ok') throw new Error(`expected a passage, got ${c.status}`);
    expect(c).toMatchObject({ found: 'at-locator', locator: quote.locator });
    expect(normaliseQuoteText(c.match)).toBe(normaliseQuoteText(quote.text));
    expect(normaliseQuoteText(`${c.before}${c.match}${c.after}`)).toContain(normaliseQuoteText(PORT_QUOTE));
    // The quotation is a paragraph of its own: what leads up to it is shown with it.
    expect(c.before.trim().length).toBeGreaterThan(40);
  });

  it('is stored once however often the file is captured, and goes with its last source', async () => {
    const { lib } = temp();
    const first = await capturePdf(lib, pdf);
    const a = (first.source as { id: string }).id;
    const size = () => (lib.db.pragma('page_count', { simple: true }) as number) * (lib.db.pragma('page_size', { simple: true }) as number);
    const before = size();
    // Again into the same source: nothing new. As a second source: a reference only.
    await capturePdf(lib, pdf, { sourceId: a });
    const b = lib.addSource({ type: 'report', title: 'The same paper, catalogued twice' });
    await capturePdf(lib, pdf, { sourceId: b.id, fileName: 'copy.pdf' });
    expect(count(lib, 'originals')).toBe(1);
    expect(count(lib, 'source_originals')).toBe(2);
    expect(size() - before).toBeLessThan(64 * 1024); // facts of the second source, no second copy
    expect(lib.originalsOfSource(b.id)[0]).toMatchObject({ fileName: 'copy.pdf' });

    lib.removeSource(a, { cascade: true });
    expect(count(lib, 'originals')).toBe(1);
    lib.removeSource(b.id, { cascade: true });
    expect(count(lib, 'originals')).toBe(0);
    expect(count(lib, 'original_search')).toBe(0);
    expect(lib.searchOriginals('corridor')).toEqual([]);
  });

  it('adds its compressed size (and its passages to the search index), and a second capture adds nothing', async () => {
    const { lib } = temp();
    const big = await buildReportPdf({ paragraphs: benchParagraphs(), maxPages: 30, title: 'Regional Trade Outlook' });
    const fileBytes = () => {
      lib.db.pragma('wal_checkpoint(TRUNCATE)');
      return (lib.db.pragma('page_count', { simple: true }) as number) * (lib.db.pragma('page_size', { simple: true }) as number);
    };
    const before = fileBytes();
    const doc = await readDocument(big, { fileName: 'outlook.pdf' });
    const r = captureDocument(lib, doc, { source: { type: 'report' }, keep: 'none', original: { bytes: big } });
    const growth = fileBytes() - before;
    const stored = lib.db.prepare('SELECT length(compressed) AS bytes, length(passages) AS text FROM originals').get() as { bytes: number; text: number };
    const index = lib.db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'original_search%'").pluck().get() as number;
    expect(stored.bytes).toBeLessThanOrEqual(big.length);
    // The file's pages hold the deflated bytes and text, the index, and a few pages of rows.
    expect(growth).toBeGreaterThanOrEqual(stored.bytes + stored.text);
    expect(growth - index).toBeLessThanOrEqual((stored.bytes + stored.text) * 1.02 + 8 * 4096);
    const settled = fileBytes();
    captureDocument(lib, doc, { sourceId: (r.source as { id: string }).id, keep: 'none', original: { bytes: big } });
    expect(fileBytes() - settled).toBe(0);
  });

  it('moves to the kept source when two sources are merged', async () => {
    const { lib } = temp();
    const dup = (await capturePdf(lib, pdf)).source as { id: string };
    const keep = lib.addSource({ type: 'report', title: 'Working paper 12' });
    lib.mergeSources(keep.id, dup.id);
    expect(lib.originalsOfSource(keep.id)).toHaveLength(1);
    expect(count(lib, 'originals')).toBe(1);
  });

  it('is searchable, passages not kept as facts included, each hit marked as an original', async () => {
    const { lib } = temp();
    const r = await capturePdf(lib, pdf, { keep: '1' });
    expect(lib.searchFacts({ text: 'committee' }).total).toBe(0);
    const [hit, ...rest] = lib.searchOriginals('port director committee');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ kind: 'original', locator: { label: 'page' }, sources: [{ id: (r.source as { id: string }).id }] });
    expect(hit.text).toContain('port director told the committee');
    expect(hit.highlights!.filter((h) => h.match).map((h) => h.text)).toEqual(['port', 'director', 'committee']);
  });

  it('refused before it is stored: a malformed file, a capture that fails, a dry run', async () => {
    const { lib } = temp();
    const broken = pdf.slice(0, 2000);
    await expect(readDocument(broken, { fileName: 'broken.pdf' })).rejects.toThrow(/broken\.pdf/);
    const doc = await readDocument(pdf, { fileName: 'paper.pdf' });
    // Fails inside the write, after the original would have been stored: all rolled back.
    expect(() => captureDocument(lib, doc, { source: { type: 'report' }, tags: ['bad\0tag'], original: { bytes: pdf } })).toThrow(/NUL/);
    captureDocument(lib, doc, { source: { type: 'report' }, dryRun: true, original: { bytes: pdf } });
    expect(() => captureDocument(lib, { ...doc, blocks: [] }, { source: { type: 'report' }, original: { bytes: pdf } })).toThrow(/empty/);
    expect(count(lib, 'originals')).toBe(0);
    expect(count(lib, 'sources')).toBe(0);
    expect(lib.check().ok).toBe(true);
  });

  it('whose bytes no longer match its hash is reported by check and never served', async () => {
    const { lib, path } = temp();
    const r = await capturePdf(lib, pdf);
    const fact = r.facts[0];
    lib.close();
    tamper(path, 'compressed', (b) => {
      const bytes = inflateRawSync(b);
      bytes[bytes.length - 10] ^= 0x20;
      return deflateRawSync(bytes);
    });
    const again = LibraryClass.open(path);
    try {
      const report = again.check();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        expect.objectContaining({
          kind: 'original',
          remedy: 'restore',
          message: expect.stringMatching(
            /^The stored original of "Tariff Escalation and Regional Supply Chains" \(working-paper-12\.pdf, sha256 [0-9a-f]{12}…\) is damaged: its bytes no longer match/,
          ),
        }),
      ]);
      expect(again.factContext(fact.id)).toMatchObject({ status: 'damaged' });
      expect(again.searchOriginals('committee')).toEqual([]);
    } finally {
      again.close();
    }
  });

  it('has a search index that check counts and check --repair rebuilds from the stored text', async () => {
    const { lib } = temp();
    await capturePdf(lib, pdf);
    const passages = count(lib, 'original_search');
    lib.db.exec("DELETE FROM original_search WHERE rowid IN (SELECT rowid FROM original_search WHERE original_search MATCH 'committee OR summary')");
    expect(lib.searchOriginals('committee')).toEqual([]);
    expect(lib.check().problems).toEqual([
      {
        kind: 'search-index',
        remedy: 'rebuild',
        message: 'The search index of the stored originals is out of step with them by 2 passage(s); it can be rebuilt from them.',
      },
    ]);
    const r = lib.repair();
    expect(r.repaired).toEqual(['rebuilt the search index of the stored originals from them']);
    expect(r.remaining).toEqual([]);
    expect(count(lib, 'original_search')).toBe(passages);
    expect(lib.searchOriginals('committee')).toHaveLength(1);
  });

  it('is in a backup, and a restored library serves it', async () => {
    const { lib, dir, path } = temp();
    const r = await capturePdf(lib, pdf);
    const backup = join(dir, 'backup.sqlite');
    await lib.backup(backup);
    const source = (r.source as { id: string }).id;
    lib.removeSource(source, { cascade: true });
    expect(count(lib, 'originals')).toBe(0);
    lib.close();
    restoreLibrary(path, backup);
    const restored = LibraryClass.open(path);
    try {
      expect(restored.originalsOfSource(source)).toHaveLength(1);
      expect(restored.factContext(r.facts[0].id)).toMatchObject({ status: 'ok', found: 'at-locator' });
      expect(restored.check().ok).toBe(true);
    } finally {
      restored.close();
    }
  });
});
