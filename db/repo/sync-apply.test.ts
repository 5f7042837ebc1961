import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { RemoteRow } from '../../core/sync-types';
import type { Library } from '../library';
import { ackAll, outbox, TEAM, teamLibrary } from '../testing/team-library';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = teamLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

const S1 = '11111111-1111-4111-8111-111111111111';
const F1 = 'aaaaaaaa-1111-4111-8111-111111111111';
const F2 = 'bbbbbbbb-1111-4111-8111-111111111111';
const B1 = 'cccccccc-1111-4111-8111-111111111111';
const AT = '2024-03-01T09:00:00.000Z';

function remote(entity: RemoteRow['entity'], id: string, data: RemoteRow['data'], version = 1): RemoteRow {
  return { entity, id, version, deleted: false, data, updatedBy: 'ben', updatedAt: AT };
}

function sourceData(title = 'Port authority bulletin'): RemoteRow['data'] {
  return {
    type: 'report',
    title,
    authors: [{ family: 'Marchetti', given: 'Luca' }],
    editors: [],
    container_title: null,
    publisher: null,
    publisher_place: null,
    issued: '2024-02-28',
    accessed: null,
    url: null,
    doi: null,
    pages: null,
    volume: null,
    issue: null,
    number: null,
    language: null,
    notes: null,
    reliability: 'B',
    extra: {},
    created_at: AT,
  };
}

function factData(text: string, tags: string[] = ['ports'], more: RemoteRow['data'] = {}): RemoteRow['data'] {
  return {
    text,
    kind: 'paraphrase',
    source_id: S1,
    position: null,
    locator_label: null,
    locator_value: null,
    attribution_name: null,
    attribution_role: null,
    via_source_id: null,
    event_date: null,
    credibility: null,
    marking: null,
    notes: null,
    created_at: AT,
    verified_at: null,
    figure_stated: null,
    figure_value: null,
    figure_unit: null,
    event_date_end: null,
    tags,
    ...more,
  };
}

function briefData(items: unknown[], sectionId = 'sec-1'): RemoteRow['data'] {
  return {
    title: 'Ports weekly',
    template_id: 'info-memo',
    style_id: null,
    note_placement: null,
    marking: null,
    portion_marks: 0,
    derived_from: 0,
    fields: { for: 'Director' },
    created_at: AT,
    body: { sections: [{ id: sectionId, key: 'bluf', heading: 'BLUF', items }] },
  } as RemoteRow['data'];
}

function factItem(id: string, factId: string) {
  return { id, kind: 'fact', text: null, fact_id: factId, locator_label: null, locator_value: null, lead: null, wording: null, marking: null };
}

const base = () => [
  remote('source', S1, sourceData()),
  remote('fact', F1, factData('Tonnage through Odesa doubled.', ['ports', 'grain'])),
  remote('fact', F2, factData('Insurers cut war-risk premiums.')),
  remote('link', `${F1}~${F2}`, { fact_a: F1, fact_b: F2, note: 'same week', created_at: AT }),
  remote('briefing', B1, briefData([factItem('item-1', F1)])),
];

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a DossierError');
}

const applying = () => lib.db.prepare('SELECT active FROM sync_applying').pluck().get();

describe('applying rows from the server', () => {
  it('inserts sources, facts with tags, links and briefings with their body, searchable, and echoes nothing', () => {
    const r = lib.applyRemoteRows(TEAM.teamId, base());
    expect(r).toEqual({
      applied: { source: 1, fact: 2, link: 1, briefing: 1, original: 0 },
      removed: { source: 0, fact: 0, link: 0, briefing: 0, original: 0 },
      kept: 0,
    });
    expect(lib.getFact(F1)).toMatchObject({ text: 'Tonnage through Odesa doubled.', tags: ['grain', 'ports'], updatedAt: AT });
    expect(lib.searchFacts({ text: 'tonnage' }).hits.map((h) => h.fact.id)).toEqual([F1]);
    expect(lib.searchFacts({ text: 'marchetti' }).total).toBe(2);
    expect(lib.corroboratingFacts(F1).map((f) => f.id)).toEqual([F2]);
    expect(lib.getBriefing(B1).sections[0].items).toMatchObject([{ id: 'item-1', kind: 'fact', factId: F1 }]);
    expect(lib.pendingCount()).toBe(0);
    expect(applying()).toBe(0);
    expect(lib.db.prepare('SELECT DISTINCT origin FROM sync_rows').pluck().all()).toEqual(['team']);
    expect(lib.check().ok).toBe(true);
    // The same rows again (our own changes come back like this) write nothing.
    const changes = () => lib.db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    expect(lib.applyRemoteRows(TEAM.teamId, base()).applied).toEqual({ source: 1, fact: 2, link: 1, briefing: 1, original: 0 });
    expect(lib.db.prepare('SELECT group_concat(version) FROM sync_rows').pluck().get()).toBe('1,1,1,1,1');
    expect(changes() - before).toBeLessThan(10);
  });

  it('updates rows in place (index follows) and keeps a field of ours that is still to be sent', () => {
    lib.applyRemoteRows(TEAM.teamId, base());
    lib.updateFact(F1, { notes: 'Our note, not yet sent.' });
    lib.untagFact(F1, ['grain']);
    lib.applyRemoteRows(TEAM.teamId, [
      remote('fact', F1, factData('Tonnage through Odesa tripled.', ['ports', 'wheat'], { notes: 'Their note.', credibility: 2 }), 3),
    ]);
    expect(lib.getFact(F1)).toMatchObject({ text: 'Tonnage through Odesa tripled.', notes: 'Our note, not yet sent.', tags: ['ports'], credibility: 2 });
    expect(lib.searchFacts({ text: 'tripled' }).total).toBe(1);
    expect(lib.searchFacts({ text: 'doubled' }).total).toBe(0);
    expect(outbox(lib).map((m) => m.fields)).toEqual([{ notes: 'Our note, not yet sent.' }, { tags: ['ports'] }]);
    expect(lib.db.prepare("SELECT version FROM sync_rows WHERE entity = 'fact' AND id = ?").pluck().get(F1)).toBe(3);
  });

  it('removes deleted and gone rows, but keeps a fact a briefing here cites, as personal, with a conflict', () => {
    lib.applyRemoteRows(TEAM.teamId, base());
    const mine = lib.createBriefing({ title: 'My memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(mine.id, [{ kind: 'prose', text: `Premiums fell [@${F2}].` }]);
    const r = lib.applyRemoteRows(
      TEAM.teamId,
      [
        { ...remote('fact', F2, {}, 5), deleted: true },
        { ...remote('link', `${F1}~${F2}`, {}, 5), deleted: true },
      ],
      [
        { entity: 'briefing', id: B1 },
        { entity: 'fact', id: F1 },
      ],
    );
    expect(r).toMatchObject({ removed: { briefing: 1, link: 1, fact: 1, source: 0, original: 0 }, kept: 1 });
    expect(lib.getFact(F2).text).toBe('Insurers cut war-risk premiums.');
    expect(() => lib.getFact(F1)).toThrow(/not found/);
    expect(lib.db.prepare("SELECT entity || ':' || id FROM sync_rows").pluck().all()).toEqual([`source:${S1}`]);
    expect(lib.listConflicts({ open: true })).toMatchObject([
      {
        entity: 'fact',
        entityId: F2,
        kind: 'edited_deleted',
        mine: { text: 'Insurers cut war-risk premiums.', tags: ['ports'] },
        theirs: null,
        serverVersion: 5,
        byUser: 'ben',
      },
    ]);
    expect(lib.syncState().conflicts).toBe(1);
    expect(lib.pendingCount()).toBe(0);
    expect(lib.listTags().map((t) => t.name)).toEqual(['ports']);
  });

  it('keeps, as personal with a conflict, a row deleted on the server that has a change of ours not yet sent', () => {
    lib.applyRemoteRows(TEAM.teamId, base());
    lib.updateFact(F2, { notes: 'Checked with Lloyd’s.' });
    lib.applyRemoteRows(TEAM.teamId, [{ ...remote('fact', F2, {}, 6), deleted: true }]);
    expect(lib.getFact(F2).notes).toBe('Checked with Lloyd’s.');
    expect(lib.pendingCount()).toBe(0);
    expect(lib.listConflicts()[0]).toMatchObject({ entityId: F2, kind: 'edited_deleted', mine: { notes: 'Checked with Lloyd’s.' } });
  });

  it('refuses a bad row naming entity, id and field, and applies nothing', () => {
    const bad = (row: RemoteRow) => errorOf(() => lib.applyRemoteRows(TEAM.teamId, [...base(), row]));
    expect(bad(remote('fact', 'f-x', factData('x', ['ports'], { credibility: 'high' }))).message).toBe('fact f-x.credibility: must be a whole number');
    expect(bad(remote('fact', 'f-x', factData('x', ['ports'], { kind: 'rumour' }))).message).toMatch(/CHECK constraint|kind/);
    expect(bad(remote('fact', 'f-x', { ...factData('x'), colour: 'red' })).message).toBe('fact f-x.colour: is not a field of this row');
    expect(bad(remote('fact', 'f-x', factData('x', ['ports'], { source_id: 'nowhere' }))).message).toMatch(/fact f-x\.source_id: no source with id "nowhere"/);
    expect(bad(remote('fact', 'f-x', factData('x', ['a', 'A']))).message).toMatch(/fact f-x\.tags: duplicate tag/);
    const { tags: _, ...untagged } = factData('x');
    expect(bad(remote('fact', 'f-x', untagged)).message).toBe('fact f-x.tags: is missing');
    expect(bad(remote('source', 's-x', { ...sourceData(), title: null })).message).toBe('source s-x.title: must not be empty');
    expect(bad(remote('briefing', 'b-x', briefData([factItem('i-x', 'no-such-fact')], 'sec-x'))).message).toMatch(
      /briefing b-x\.body\.sections\[0\]\.items\[0\]\.fact_id/,
    );
    expect(bad({ ...remote('fact', F1, {}), version: -1 }).message).toMatch(/version/);
    expect(errorOf(() => lib.applyRemoteRows(TEAM.teamId, [], [{ entity: 'note' as never, id: 'x' }])).field).toBe('gone[0].entity');
    expect(errorOf(() => lib.applyRemoteRows('another-team', base())).field).toBe('teamId');
    expect(lib.counts()).toMatchObject({ facts: 0, sources: 0 });
    expect(lib.db.prepare('SELECT count(*) FROM sync_rows').pluck().get()).toBe(0);
    expect(applying()).toBe(0);
  });

  it('folds our personal fact with the same words from the same source into the team’s, losing nothing', () => {
    lib.applyRemoteRows(TEAM.teamId, base());
    const ours = lib.addFact({ text: 'Freight  rates fell by a THIRD.', sourceId: S1, tags: ['insurance'], notes: 'Heard at the briefing.' }).id;
    const other = lib.addFact({ text: 'Lloyd’s listed the Black Sea again.', sourceId: S1 }).id;
    lib.linkCorroboration(ours, other);
    const memo = lib.createBriefing({ title: 'Memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(memo.id, [
      { kind: 'prose', text: `Premiums fell [@${ours}].` },
      { kind: 'fact', factId: ours },
    ]);
    const F3 = 'dddddddd-1111-4111-8111-111111111111';
    lib.applyRemoteRows(TEAM.teamId, [remote('fact', F3, factData('Freight rates fell by a third.', ['ports']), 8)]);
    expect(() => lib.getFact(ours)).toThrow(/not found/);
    expect(lib.getFact(F3)).toMatchObject({ text: 'Freight rates fell by a third.', tags: ['insurance', 'ports'] });
    expect(lib.corroboratingFacts(F3).map((f) => f.id)).toEqual([other]);
    expect(lib.getBriefing(memo.id).sections[0].items.map((i) => (i.kind === 'fact' ? i.factId : i.text))).toEqual([`Premiums fell [@${F3}].`, F3]);
    expect(outbox(lib)).toEqual([{ entity: 'fact', id: F3, op: 'upsert', fields: { tags: ['insurance', 'ports'] }, baseVersion: 8 }]);
    const conflicts = lib.listConflicts({ open: true }).map((c) => [c.field, c.mine, c.theirs, c.entityId]);
    expect(conflicts.sort()).toEqual([
      ['notes', 'Heard at the briefing.', null, F3],
      ['text', 'Freight  rates fell by a THIRD.', 'Freight rates fell by a third.', F3],
      ['verified_at', expect.any(String), null, F3],
    ]);
    expect(lib.check().ok).toBe(true);
  });

  it('does not resurrect a row we deleted: our delete is still to be sent', () => {
    lib.applyRemoteRows(TEAM.teamId, base());
    lib.removeBriefing(B1);
    lib.removeFact(F2);
    lib.applyRemoteRows(TEAM.teamId, [remote('fact', F2, factData('Insurers cut premiums again.'), 4)]);
    expect(() => lib.getFact(F2)).toThrow(/not found/);
    expect(outbox(lib).map((m) => [m.entity, m.op])).toEqual([
      ['briefing', 'delete'],
      ['link', 'delete'],
      ['fact', 'delete'],
    ]);
  });

  it('a shared briefing’s body from the server replaces its sections, with prose cites read again', () => {
    lib.applyRemoteRows(TEAM.teamId, base());
    const prose = { ...factItem('item-2', F1), kind: 'prose', fact_id: null, text: `Premiums fell [@${F2}].` };
    lib.applyRemoteRows(TEAM.teamId, [remote('briefing', B1, briefData([prose, factItem('item-1', F1)]), 7)]);
    expect(lib.getBriefing(B1).sections[0].items.map((i) => i.id)).toEqual(['item-2', 'item-1']);
    expect(lib.briefingsUsingFact(F2).map((u) => u.briefingId)).toEqual([B1]);
    expect(() => lib.removeFact(F2)).toThrow(/cited/);
    ackAll(lib);
    expect(lib.pendingCount()).toBe(0);
  });
});
