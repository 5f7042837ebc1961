import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { Library } from '../../db/library';
import { prepareOriginal } from '../../db/originals/codec';
import { storeOriginal } from '../../db/originals/store';
import { SAMPLE_SOURCE, tempDir, tempLibrary } from '../../db/testing/temp-library';
import { exportPack } from './export-pack';
import { importPack } from './import-pack';
import { BUILT_IN_SCHEMES } from '../../core/markings';
import type { PackRow } from '../../db/repo/pack-rows';
import { checkSchemeHolds, highestMarking, suggestedPackName } from './pack-markings';

let a: Library;
let b: Library;
let dir: string;
const cleanups: (() => void)[] = [];
let source: string;
let facts: string[];
let memo: string;

beforeEach(() => {
  const ta = tempLibrary();
  const tb = tempLibrary();
  const td = tempDir();
  cleanups.push(ta.cleanup, tb.cleanup, td.cleanup);
  [a, b, dir] = [ta.lib, tb.lib, td.dir];
  source = a.addSource(SAMPLE_SOURCE).id;
  const wire = a.addSource({ type: 'report', title: 'Wire story' }).id;
  facts = [
    a.addFact({ text: 'Ships left Odesa under naval escort.', sourceId: source, viaSourceId: wire, tags: ['grain'], marking: 'S//NOFORN' }).id,
    a.addFact({ text: 'Insurers returned to the corridor.', sourceId: source, tags: ['grain', 'insurance'], marking: 'C' }).id,
    a.addFact({ text: 'Unrelated fact about tariffs.', sourceId: wire, tags: ['trade'] }).id,
  ];
  a.linkCorroboration(facts[0], facts[1]);
  a.linkCorroboration(facts[0], facts[2]);
  memo = a.createBriefing({ title: 'Grain memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]).id;
  a.addItems(memo, [
    { kind: 'fact', factId: facts[1] },
    { kind: 'prose', text: `Ships sail again [@${facts[0]}].` },
  ]);
  const original = prepareOriginal(Buffer.from('The corridor reopened on Friday.'), 'text/plain', [{ text: 'The corridor reopened on Friday.' }], 'herald.txt');
  a.db.transaction(() => storeOriginal(a.db, source, original, '2024-01-20T09:00:00.000Z'))();
});
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Every row of every table (derived index tables too), so "nothing changed" is checked whole. */
function dump(lib: Library): Record<string, string[]> {
  const tables = lib.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      lib.db
        .prepare(`SELECT * FROM "${t}"`)
        .all()
        .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
        .sort(),
    ]),
  );
}

async function refusal(lib: Library, path: string): Promise<DossierError> {
  const before = dump(lib);
  const e = await importPack(lib, path).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DossierError);
  expect(dump(lib)).toEqual(before);
  return e as DossierError;
}

describe('fact packs between two libraries that never connect', () => {
  it('carries a tag with its sources, via sources, tags, the links among its facts and the originals; search finds the facts', async () => {
    const out = await exportPack(a, { tag: 'grain' }, dir, new Date('2026-12-04T10:00:00Z'));
    expect(out.path).toBe(join(dir, 'SECRET-NOFORN grain 2026-12-04.dossierpack'));
    expect(out.highestMarking).toBe('SECRET//NOFORN');
    expect(out.counts).toEqual({ source: 2, fact: 2, link: 1, briefing: 0, original: 0 });
    expect(out.originals).toBe(1);
    const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(out.path))['manifest.json'])) as Record<string, unknown>;
    expect(manifest).toMatchObject({ scheme: 'us', highestMarking: 'SECRET//NOFORN', fromLibrary: a.libraryId(), counts: out.counts });

    const got = await importPack(b, out.path);
    expect(got).toMatchObject({ added: 5, updated: 0, unchanged: 0, conflicts: 0, originals: 1 });
    for (const id of facts.slice(0, 2)) expect(b.rowData('fact', id)).toEqual(a.rowData('fact', id));
    expect(b.rowData('fact', facts[2])).toBeUndefined();
    expect(b.corroborationLinks(facts[0])).toHaveLength(1);
    expect(b.searchFacts({ text: 'naval escort' }).hits.map((h) => h.fact.id)).toEqual([facts[0]]);
    expect(b.searchFacts({ tags: ['insurance'] }).hits.map((h) => h.fact.id)).toEqual([facts[1]]);
    expect(b.originalsOfSource(source).map((o) => [o.fileName, o.capturedAt])).toEqual([['herald.txt', '2024-01-20T09:00:00.000Z']]);
    expect(b.searchOriginals('reopened').length).toBeGreaterThan(0);
  });

  it('carries a briefing with the facts it cites; importing the same pack again changes nothing', async () => {
    const out = await exportPack(a, { brief: 'Grain memo' }, join(dir, 'memo.dossierpack'));
    expect(out.counts).toEqual({ source: 2, fact: 2, link: 1, briefing: 1, original: 0 });
    await importPack(b, out.path);
    expect(b.rowData('briefing', memo)).toEqual(a.rowData('briefing', memo));
    expect(b.briefingsUsingFact(facts[0])).toHaveLength(1);
    const once = dump(b);
    expect(await importPack(b, out.path)).toMatchObject({ added: 0, updated: 0, unchanged: 6, conflicts: 0, originals: 0 });
    expect(dump(b)).toEqual(once);
  });
});

describe('a pack coming back: a three-way merge against what was last exchanged', () => {
  let back: string;
  beforeEach(async () => {
    await importPack(b, (await exportPack(a, { ids: [facts[1]] }, join(dir, 'out.dossierpack'))).path);
    // B works on the fact and sends it back.
    b.updateFact(facts[1], { notes: 'Lloyd’s confirms.', text: 'Insurers returned to the corridor in March.' });
    back = (await exportPack(b, { ids: [facts[1]] }, join(dir, 'back.dossierpack'))).path;
  });

  it('applies a field changed only in the pack, keeps one changed only here', async () => {
    a.updateFact(facts[1], { locator: { label: 'page', value: '4' } });
    const got = await importPack(a, back);
    expect(got).toMatchObject({ added: 0, updated: 1, conflicts: 0 });
    expect(a.getFact(facts[1])).toMatchObject({
      notes: 'Lloyd’s confirms.',
      text: 'Insurers returned to the corridor in March.',
      locator: { label: 'page', value: '4' },
    });
    expect(a.listConflicts({ open: true })).toEqual([]);
  });

  it('a field changed on both sides keeps ours and records a conflict; "mine" takes the pack value', async () => {
    a.updateFact(facts[1], { notes: 'Our own note.' });
    expect(await importPack(a, back)).toMatchObject({ updated: 1, conflicts: 1 });
    expect(a.getFact(facts[1]).notes).toBe('Our own note.');
    const [c] = a.listConflicts({ open: true });
    expect(c).toMatchObject({
      entity: 'fact',
      entityId: facts[1],
      kind: 'field',
      field: 'notes',
      mine: 'Lloyd’s confirms.',
      theirs: 'Our own note.',
      byUser: 'pack back.dossierpack',
    });
    expect(await importPack(a, back)).toMatchObject({ updated: 0, conflicts: 0 });
    a.resolveConflict(c.id, 'mine');
    expect(a.getFact(facts[1]).notes).toBe('Lloyd’s confirms.');
  });

  it('"theirs" keeps our value, and the same pack again raises nothing new', async () => {
    a.updateFact(facts[1], { notes: 'Our own note.' });
    await importPack(a, back);
    a.resolveConflict(a.listConflicts({ open: true })[0].id, 'theirs');
    expect(a.getFact(facts[1]).notes).toBe('Our own note.');
    expect(await importPack(a, back)).toMatchObject({ updated: 0, conflicts: 0 });
    expect(a.listConflicts({ open: true })).toEqual([]);
  });

  it('a fact deleted here that the pack changed is a conflict, not brought back; "mine" brings it back', async () => {
    a.removeBriefing(memo);
    a.removeFact(facts[1]);
    expect(await importPack(a, back)).toMatchObject({ added: 0, conflicts: 1 });
    expect(a.rowData('fact', facts[1])).toBeUndefined();
    const [c] = a.listConflicts({ open: true });
    expect(c).toMatchObject({ kind: 'edited_deleted', entityId: facts[1], theirs: null });
    a.resolveConflict(c.id, 'mine');
    expect(a.getFact(facts[1]).text).toBe('Insurers returned to the corridor in March.');
  });
});

describe('a pack that cannot be imported: one clear message, nothing changed', () => {
  let pack: string;
  beforeEach(async () => {
    pack = (await exportPack(a, { tag: 'grain' }, join(dir, 'grain.dossierpack'))).path;
  });

  it('refuses a cut-short pack', async () => {
    const bytes = readFileSync(pack);
    writeFileSync(pack, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await refusal(b, pack)).message).toMatch(/grain\.dossierpack: cannot import this pack: .*Nothing was changed/);
  });

  it('refuses an altered entry by its checksum', async () => {
    const files = unzipSync(readFileSync(pack));
    files['rows.json'] = strToU8(strFromU8(files['rows.json']).replace('naval escort', 'naval  escort'));
    writeFileSync(pack, zipSync(files));
    expect((await refusal(b, pack)).message).toMatch(/rows\.json does not match its checksum/);
  });

  it('refuses a file that is not a zip', async () => {
    writeFileSync(pack, 'just some text, not a pack');
    expect((await refusal(b, pack)).message).toMatch(/cannot import this pack/);
  });

  it('refuses a pack from a newer Dossier', async () => {
    const files = unzipSync(readFileSync(pack));
    const manifest = JSON.parse(strFromU8(files['manifest.json'])) as { version: number };
    files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, version: manifest.version + 1 }));
    writeFileSync(pack, zipSync(files));
    expect((await refusal(b, pack)).message).toMatch(/written by a newer Dossier .*update Dossier/);
  });

  it('refuses US SECRET//NOFORN in a UK library, naming the marking', async () => {
    b.setMarkingScheme('uk');
    expect((await refusal(b, pack)).message).toMatch(/marked SECRET\/\/NOFORN \(US scheme\).*cannot hold; nothing was imported/);
  });

  it('rolls back a pack whose fact the library refuses (same words from the same source as a fact here)', async () => {
    await importPack(b, (await exportPack(a, { ids: [facts[1]] }, join(dir, 'one.dossierpack'))).path);
    b.addFact({ text: 'Ships left Odesa under naval escort.', sourceId: source });
    expect((await refusal(b, pack)).message).toMatch(/fact .*refused by the library/);
  });
});

describe("a pack's markings", () => {
  const [us, uk] = BUILT_IN_SCHEMES;
  const rows: PackRow[] = [
    { entity: 'fact', id: 'f1', data: { marking: 'C' } },
    { entity: 'briefing', id: 'b1', data: { marking: 'U', body: { sections: [{ items: [{ marking: 'S//NOFORN' }, { marking: null }] }] } } },
  ];

  it("counts a portion mark raised on a briefing's item", () => {
    expect(highestMarking(us, rows)).toBe('SECRET//NOFORN');
    expect(highestMarking(us, [{ entity: 'fact', id: 'f2', data: { marking: null } }])).toBeNull();
  });

  it('holds a marked pack only in a library of its own scheme, even where the words would read', () => {
    const secret: PackRow[] = [{ entity: 'fact', id: 'f1', data: { marking: 'SECRET' } }];
    expect(() => checkSchemeHolds(uk, 'us', 'SECRET', secret)).toThrow(/marked SECRET \(US scheme\)/);
    expect(() => checkSchemeHolds(uk, 'uk', 'SECRET', secret)).not.toThrow();
    expect(() => checkSchemeHolds(uk, 'us', null, [{ entity: 'fact', id: 'f1', data: { marking: null } }])).not.toThrow();
  });
});

describe('the suggested file name', () => {
  it('starts with the highest marking', () => {
    expect(suggestedPackName('SECRET//REL TO USA, GBR', 'Grain corridor', new Date('2026-12-04T10:00:00Z'))).toBe(
      'SECRET-REL TO USA GBR Grain corridor 2026-12-04.dossierpack',
    );
    expect(suggestedPackName(null, 'facts', new Date('2026-12-04T10:00:00Z'))).toMatch(/^UNMARKED facts/);
  });
});
