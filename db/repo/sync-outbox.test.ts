import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { ackAll, outbox, TEAM, teamLibrary } from '../testing/team-library';
import { SAMPLE_SOURCE } from '../testing/temp-library';

let lib: Library;
let done: () => void;
let source: string;
let shared: string[];
let personal: string;
beforeEach(() => {
  const t = teamLibrary();
  lib = t.lib;
  done = t.cleanup;
  source = lib.addSource(SAMPLE_SOURCE).id;
  shared = ['Ships left Odesa.', 'Insurers returned.'].map((text) => lib.addFact({ text, sourceId: source, tags: ['grain'] }).id);
  personal = lib.addFact({ text: 'A rumour from the port.', sourceId: source, tags: ['grain'] }).id;
  lib.shareWithTeam(TEAM.teamId, { ids: shared });
  ackAll(lib, 4);
});
afterEach(() => done());

const SECTIONS = [
  { key: 'bluf', heading: 'Bottom line' },
  { key: 'discussion', heading: 'Discussion' },
];

describe('the outbox records every change to a shared row, in the same transaction', () => {
  it('a fact edit queues just the changed columns with their new values, against the row version', () => {
    lib.updateFact(shared[0], { notes: 'Confirmed by the port log.', credibility: 2, locator: { label: 'page', value: '4' } });
    expect(outbox(lib)).toEqual([
      {
        entity: 'fact',
        id: shared[0],
        op: 'upsert',
        fields: { notes: 'Confirmed by the port log.', credibility: 2, locator_label: 'page', locator_value: '4' },
        baseVersion: 4,
      },
    ]);
  });

  it('text travels without its hash; verifying sends verified_at; updated_at never travels', () => {
    lib.updateFact(shared[0], { text: 'Ships left Odesa on Monday.' });
    lib.verifyFact(shared[1], '2024-02-01T00:00:00.000Z');
    expect(outbox(lib).map((m) => m.fields)).toEqual([{ text: 'Ships left Odesa on Monday.' }, { verified_at: '2024-02-01T00:00:00.000Z' }]);
  });

  it('tagging, untagging and renaming a tag send the fact’s sorted tag names; personal facts send nothing', () => {
    lib.tagFact(shared[0], ['Wheat', 'corridor']);
    lib.untagFact(shared[1], ['grain']);
    lib.tagFact(personal, ['rumour']);
    // Two tags linked: two records, of which the latest (read now) is sent.
    expect(lib.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(3);
    expect(outbox(lib).map((m) => [m.id, m.fields])).toEqual([
      [shared[0], { tags: ['Wheat', 'corridor', 'grain'] }],
      [shared[1], { tags: [] }],
    ]);
    ackAll(lib, 5);
    lib.renameTag('grain', 'Grain trade');
    expect(outbox(lib)).toEqual([{ entity: 'fact', id: shared[0], op: 'upsert', fields: { tags: ['Grain trade', 'Wheat', 'corridor'] }, baseVersion: 5 }]);
  });

  it('a source edit sends the changed fields, JSON columns as JSON', () => {
    lib.updateSource(source, { authors: [{ family: 'Okafor', given: 'A.' }], publisher: 'Herald Media' });
    expect(outbox(lib)).toEqual([
      { entity: 'source', id: source, op: 'upsert', fields: { authors: [{ family: 'Okafor', given: 'A.' }], publisher: 'Herald Media' }, baseVersion: 4 },
    ]);
  });

  it('deleting a shared fact sends a delete and unshares it; its tag links send nothing more', () => {
    lib.removeFact(shared[1]);
    expect(outbox(lib)).toEqual([{ entity: 'fact', id: shared[1], op: 'delete', fields: {}, baseVersion: 4 }]);
    expect(lib.db.prepare("SELECT count(*) FROM sync_rows WHERE entity = 'fact'").pluck().get()).toBe(1);
  });

  it('moving a shared fact to a personal source shares that source first', () => {
    const other = lib.addSource({ type: 'report', title: 'Port authority bulletin' }).id;
    lib.updateFact(shared[0], { sourceId: other });
    const sent = outbox(lib);
    expect(sent.map((m) => [m.entity, m.id, m.baseVersion])).toEqual([
      ['source', other, 0],
      ['fact', shared[0], 4],
    ]);
    expect(sent[0].fields).toMatchObject({ title: 'Port authority bulletin', type: 'report', authors: [] });
    expect(sent[1].fields).toEqual({ source_id: other });
  });

  it('a link between two shared facts is shared with its first upsert; unlinking sends a delete', () => {
    lib.linkCorroboration(shared[1], shared[0], 'Same port log');
    lib.linkCorroboration(shared[0], personal);
    const id = [...shared].sort().join('~');
    const [a, b] = [...shared].sort();
    expect(outbox(lib)).toEqual([
      { entity: 'link', id, op: 'upsert', fields: { fact_a: a, fact_b: b, note: 'Same port log', created_at: expect.any(String) }, baseVersion: 0 },
    ]);
    ackAll(lib, 7);
    lib.unlinkCorroboration(shared[0], shared[1]);
    lib.unlinkCorroboration(shared[0], personal);
    expect(outbox(lib)).toEqual([{ entity: 'link', id, op: 'delete', fields: {}, baseVersion: 7 }]);
  });

  it('a shared briefing sends its column changes and, for any section or item change, its whole body', () => {
    const b = lib.createBriefing({ title: 'Corridor', templateId: 'info-memo' }, SECTIONS);
    lib.addItems(b.id, [{ kind: 'fact', factId: shared[0] }]);
    lib.shareWithTeam(TEAM.teamId, { brief: b.id });
    ackAll(lib, 9);
    lib.updateBriefing(b.id, { title: 'Corridor, week 3' });
    lib.addItems(
      b.id,
      [
        { kind: 'prose', text: `Ships are moving [@${shared[0]}].` },
        { kind: 'fact', factId: shared[1] },
      ],
      'bluf',
      0,
    );
    lib.moveItem(b.id, '1', 2);
    const sent = outbox(lib);
    expect(sent[0]).toEqual({ entity: 'briefing', id: b.id, op: 'upsert', fields: { title: 'Corridor, week 3' }, baseVersion: 9 });
    // Each item written recorded the body; only the latest record goes, with the body as it is now.
    expect(sent).toHaveLength(2);
    const body = sent[1].fields.body as { sections: { key: string; items: { kind: string; fact_id: string | null; text: string | null }[] }[] };
    expect(body.sections.map((s) => s.key)).toEqual(['bluf', 'discussion']);
    expect(body.sections[0].items.map((i) => i.fact_id ?? i.text)).toEqual([shared[1], shared[0], `Ships are moving [@${shared[0]}].`]);
    expect(lib.pendingCount()).toBe(2);
    ackAll(lib, 12);
    expect(lib.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    lib.renameSection(b.id, 'bluf', { heading: 'BLUF' });
    lib.removeBriefing(b.id);
    expect(outbox(lib).map((m) => [m.op, Object.keys(m.fields)])).toEqual([
      ['upsert', []],
      ['delete', []],
    ]);
  });

  it('a shared briefing that places or cites a personal fact shares the fact (and its links to shared facts) ahead of its body', () => {
    const b = lib.createBriefing({ title: 'Corridor', templateId: 'info-memo' }, SECTIONS);
    lib.shareWithTeam(TEAM.teamId, { brief: b.id });
    ackAll(lib, 2);
    lib.linkCorroboration(personal, shared[0]);
    const other = lib.addSource({ type: 'report', title: 'Harbour master' }).id;
    const cited = lib.addFact({ text: 'Berths are full.', sourceId: other, tags: ['ports'] }).id;
    lib.addItems(b.id, [{ kind: 'fact', factId: personal }]);
    const placed = outbox(lib);
    expect(placed.map((m) => [m.entity, m.baseVersion])).toEqual([
      ['fact', 0],
      ['link', 0],
      ['briefing', 2],
    ]);
    expect(placed[0].fields).toMatchObject({ text: 'A rumour from the port.', tags: ['grain'], source_id: source });
    ackAll(lib, 3);
    lib.addItems(b.id, [{ kind: 'prose', text: 'Draft.' }]);
    ackAll(lib, 4);
    const item = lib.getBriefing(b.id).sections[0].items[1].id;
    lib.updateItem(b.id, item, { text: `Berths are full [@${cited}].` });
    expect(outbox(lib).map((m) => [m.entity, m.id])).toEqual([
      ['source', other],
      ['fact', cited],
      ['briefing', b.id],
    ]);
    expect(lib.db.prepare("SELECT count(*) FROM sync_rows WHERE origin = 'local'").pluck().get()).toBe(8);
  });

  it('personal rows queue nothing, whatever is written', () => {
    const s = lib.addSource({ type: 'report', title: 'Personal notes' });
    const f = lib.addFact({ text: 'Mine alone.', sourceId: s.id, tags: ['x'] });
    lib.updateFact(f.id, { notes: 'n' });
    lib.updateFact(personal, { notes: 'n' });
    lib.tagFact(f.id, ['y']);
    lib.renameTag('x', 'z');
    lib.updateSource(s.id, { title: 'Personal notes, v2' });
    lib.linkCorroboration(f.id, personal);
    const b = lib.createBriefing({ title: 'Mine', templateId: 'info-memo' }, SECTIONS);
    lib.addItems(b.id, [{ kind: 'fact', factId: f.id }]);
    lib.removeBriefing(b.id);
    lib.removeFact(f.id);
    expect(lib.pendingCount()).toBe(0);
  });

  it('a write that rolls back takes its outbox record with it', () => {
    expect(() =>
      lib.db.transaction(() => {
        lib.updateFact(shared[0], { notes: 'about to fail' });
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(() => lib.updateFact(shared[0], { text: 'Insurers returned.' })).toThrow(/already has another fact/);
    expect(lib.pendingCount()).toBe(0);
  });

  it('acknowledging moves the row to the server version and rebases later changes to it', () => {
    lib.updateFact(shared[0], { notes: 'one' });
    lib.updateFact(shared[0], { notes: 'two' });
    const [first] = lib.pendingMutations(1);
    expect(
      lib.ackMutations([
        { mutationId: first.mutationId, version: 5 },
        { mutationId: 'unknown', version: 9 },
      ]),
    ).toBe(1);
    expect(outbox(lib)).toEqual([{ entity: 'fact', id: shared[0], op: 'upsert', fields: { notes: 'two' }, baseVersion: 5 }]);
    expect(lib.db.prepare("SELECT version FROM sync_rows WHERE entity = 'fact' AND id = ?").pluck().get(shared[0])).toBe(5);
    expect(() => lib.ackMutations([{ mutationId: first.mutationId, version: -1 }])).toThrow(/results\[0\]\.version/);
    expect(() => lib.pendingMutations(0)).toThrow(/limit/);
  });

  it('bulk-imported personal facts queue nothing', async () => {
    const { insertFacts } = await import('./fact-insert');
    const items = Array.from({ length: 40 }, (_, i) => ({
      data: { text: `Bulk fact ${i}.`, sourceId: source, kind: 'paraphrase' as const, tags: ['bulk', 'grain'] },
      position: i,
    }));
    insertFacts(lib.db, items);
    expect(lib.pendingCount()).toBe(0);
    expect(lib.searchFacts({ text: 'bulk' }).total).toBe(40);
  });
});
