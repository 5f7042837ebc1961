import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { capturePdf, PORT_QUOTE, reportPdf } from '../db/originals/testing/captured-pdf';
import { tempLibrary } from '../db/testing/temp-library';
import { captureDocument } from '../ingest/capture';
import { readDocument } from '../ingest/formats/index';
import { revokeUser, type TeamServer } from './server/index';
import { syncOnce } from './sync';
import { startCluster, type PgCluster } from './testing/pg-cluster';
import { teamFixture, type TeamFixture } from './testing/team-fixture';

/**
 * Stored originals travel with their shared sources, against a real PostgreSQL: the file goes
 * up once, comes down byte for byte into each colleague's library (searchable, shown in
 * source), never to someone below the source's marking, and a damaged copy on the server is
 * refused on arrival.
 */
interface Analyst {
  lib: Library;
  s: TeamServer;
  name: string;
  cleanup(): void;
}

let cluster: PgCluster;
let fx: TeamFixture;
let ann: Analyst;
let ben: Analyst;
let cat: Analyst;
let pdf: Uint8Array;
const MEMO = Buffer.from('<html><body><h1>Convoy memo</h1><p>The escort leaves Varna at dawn on the ninth.</p></body></html>');
/** Ann's captures: the PDF (unmarked), the memo (SECRET), the PDF again for another source. */
const ids = { report: '', memo: '', copy: '' };

async function analyst(who: string, clearance: string): Promise<Analyst> {
  const m = await fx.member(who, 'editor', clearance);
  const t = tempLibrary();
  const server = new URL(m.url);
  server.password = '';
  t.lib.setTeamLink({ server: server.toString(), teamId: fx.teamId, teamName: fx.teamName, userName: m.name, scheme: 'us' });
  return { lib: t.lib, s: m.s, name: m.name, cleanup: t.cleanup };
}

const count = (lib: Library, table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
/** The id of the source a capture made. */
const made = (r: { source?: unknown }) => (r.source as { id: string }).id;
const sha = (lib: Library, sourceId: string) => lib.originalsOfSource(sourceId).map((o) => o.sha256);
const storedBytes = (lib: Library, sha256: string) =>
  inflateRawSync(lib.db.prepare('SELECT compressed FROM originals WHERE sha256 = ?').pluck().get(sha256) as Buffer);

/** Captures the PDF again as a source of its own (no facts kept), under `title`. */
async function captureAs(lib: Library, title: string, fileName: string): Promise<string> {
  const doc = await readDocument(pdf, { fileName });
  return made(captureDocument(lib, doc, { source: { type: 'report', title }, keep: 'none', original: { bytes: pdf, fileName } }));
}

beforeAll(async () => {
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  [ann, ben, cat] = [await analyst('ann', 'S'), await analyst('ben', 'S'), await analyst('cat', 'CUI')];
  pdf = await reportPdf();
});
afterAll(async () => {
  for (const a of [ann, ben, cat]) a?.cleanup();
  await fx?.close();
  cluster?.stop();
});

describe('stored originals with the team', () => {
  it('go up with a shared source, and come down identical: bytes, passages, search, the fact in its original', async () => {
    ids.report = made(await capturePdf(ann.lib, pdf));
    const memo = await readDocument(MEMO, { fileName: 'convoy-memo.html' });
    // Sources carry no marking: the memo is SECRET because a fact taken from it is.
    const captured = captureDocument(ann.lib, memo, {
      source: { type: 'report', title: 'Convoy memo' },
      original: { bytes: MEMO, fileName: 'convoy-memo.html' },
    });
    ids.memo = made(captured);
    ann.lib.updateFact(captured.facts[0].id, { marking: 'S' });
    expect(ann.lib.shareWithTeam(fx.teamId, { source: ids.report })).toMatchObject({ source: 1, original: 1 });
    expect(ann.lib.shareWithTeam(fx.teamId, { source: ids.memo })).toMatchObject({ source: 1, original: 1 });
    const up = await syncOnce(ann.lib, ann.s);
    expect(up).toMatchObject({ uploadedOriginals: 2, refused: [], pending: 0 });
    const onServer = await fx.admin.query<{ size: string }>('SELECT byte_size::text AS size FROM dossier.originals ORDER BY byte_size');
    expect(onServer.rows.map((r) => Number(r.size))).toEqual([MEMO.length, pdf.length]);

    const down = await syncOnce(ben.lib, ben.s);
    expect(down.fetchedOriginals).toBe(2);
    const [pdfSha] = sha(ann.lib, ids.report);
    expect(sha(ben.lib, ids.report)).toEqual([pdfSha]);
    expect(Buffer.compare(storedBytes(ben.lib, pdfSha), Buffer.from(pdf))).toBe(0);
    expect(ben.lib.originalsOfSource(ids.report)).toEqual(ann.lib.originalsOfSource(ids.report));
    const hits = ben.lib.searchOriginals('corridor open ships');
    expect(hits[0]).toMatchObject({ sha256: pdfSha, sources: [{ id: ids.report }] });
    expect(ben.lib.searchOriginals('escort Varna').map((h) => h.sources[0].id)).toEqual([ids.memo]);
    const quote = ben.lib.db.prepare('SELECT id FROM facts WHERE text = ?').pluck().get(PORT_QUOTE) as string;
    expect(ben.lib.factContext(quote)).toMatchObject({ status: 'ok', found: 'at-locator', match: expect.stringContaining('keep the corridor open') });
    expect(ben.lib.check().ok).toBe(true);
  });

  it('never reach a CUI-cleared analyst when a fact from their source is SECRET', async () => {
    const r = await syncOnce(cat.lib, cat.s);
    expect(r.fetchedOriginals).toBe(1);
    expect(sha(cat.lib, ids.report)).toEqual(sha(ann.lib, ids.report));
    // The memo's record comes (sources are unmarked), its file does not.
    expect(cat.lib.originalsOfSource(ids.memo)).toEqual([]);
    expect(count(cat.lib, 'originals')).toBe(1);
    expect(cat.lib.searchOriginals('escort Varna')).toEqual([]);
  });

  it('go up once: a sync again uploads nothing, and the same file on another source goes as a link only', async () => {
    expect(await syncOnce(ann.lib, ann.s)).toMatchObject({ pushed: 0, uploadedOriginals: 0 });
    ids.copy = await captureAs(ann.lib, 'Working paper 12, the copy filed by the desk', 'copy.pdf');
    expect(ann.lib.shareWithTeam(fx.teamId, { source: ids.copy })).toMatchObject({ source: 1, original: 1 });
    expect(await syncOnce(ann.lib, ann.s)).toMatchObject({ pushed: 2, uploadedOriginals: 0 });
    expect((await fx.admin.query('SELECT 1 FROM dossier.originals')).rowCount).toBe(2);
    const r = await syncOnce(ben.lib, ben.s);
    expect(r.fetchedOriginals).toBe(0);
    expect(ben.lib.originalsOfSource(ids.copy)).toMatchObject([{ sha256: sha(ann.lib, ids.report)[0], fileName: 'copy.pdf' }]);
  });

  it('a corrupted byte on the server is refused on arrival: a clear message, nothing of the pull applied', async () => {
    const dan = await analyst('dan', 'S');
    const [pdfSha] = sha(ann.lib, ids.report);
    // Damage on the server's disk (or a tampering admin): past the immutability trigger, as a superuser can.
    const flip = (sql: string) =>
      fx.admin.transaction(async () => {
        await fx.admin.query('SET LOCAL session_replication_role = replica');
        await fx.admin.query(sql, [pdfSha]);
      });
    await flip("UPDATE dossier.originals SET bytes = overlay(bytes PLACING '\\x00'::bytea FROM 400 FOR 1) WHERE sha256 = $1");
    try {
      await expect(syncOnce(dan.lib, dan.s)).rejects.toThrow(
        new RegExp(`team server's copy of the stored original ${pdfSha} \\(working-paper-12.pdf\\) does not match its SHA-256; it was refused and nothing`),
      );
      expect([count(dan.lib, 'sources'), count(dan.lib, 'facts'), count(dan.lib, 'originals'), count(dan.lib, 'sync_rows')]).toEqual([0, 0, 0, 0]);
      expect(dan.lib.teamLink()?.cursor).toBe('');
    } finally {
      await flip(`UPDATE dossier.originals SET bytes = $2 WHERE sha256 = $1`.replace('$2', `'\\x${Buffer.from(pdf).toString('hex')}'::bytea`));
    }
    expect(await syncOnce(dan.lib, dan.s)).toMatchObject({ fetchedOriginals: 2 });
    expect(Buffer.compare(storedBytes(dan.lib, pdfSha), Buffer.from(pdf))).toBe(0);
    dan.cleanup();
  });

  it('a fact marked above a CUI clearance takes its source’s file away from there', async () => {
    const quote = ann.lib.db.prepare('SELECT id FROM facts WHERE text = ? AND source_id = ?').pluck().get(PORT_QUOTE, ids.report) as string;
    ann.lib.updateFact(quote, { marking: 'S' });
    await syncOnce(ann.lib, ann.s);
    expect(await syncOnce(cat.lib, cat.s)).toMatchObject({ removed: 2 });
    // The report and its other facts stay; the quote and the file do not.
    expect(cat.lib.db.prepare('SELECT 1 FROM facts WHERE id = ?').get(quote)).toBeUndefined();
    expect(cat.lib.originalsOfSource(ids.report)).toEqual([]);
    // The same file stays with the copy the CUI analyst may still see.
    expect(sha(cat.lib, ids.copy)).toEqual(sha(ann.lib, ids.report));
    expect(count(cat.lib, 'originals')).toBe(1);
  });

  it('leaving the team removes its originals, except a file a personal source also keeps', async () => {
    const personal = await captureAs(ben.lib, 'Working paper 12, my own copy', 'mine.pdf');
    expect(count(ben.lib, 'originals')).toBe(2);
    await revokeUser(fx.admin, { name: ben.name, team: fx.teamName });
    expect(await syncOnce(ben.lib, ben.s)).toMatchObject({ revoked: true });
    expect(ben.lib.db.prepare('SELECT id FROM sources').pluck().all()).toEqual([personal]);
    expect(sha(ben.lib, personal)).toEqual(sha(ann.lib, ids.report));
    expect(count(ben.lib, 'originals')).toBe(1);
    expect(ben.lib.searchOriginals('escort Varna')).toEqual([]);
    expect(ben.lib.check().ok).toBe(true);
  });
});
