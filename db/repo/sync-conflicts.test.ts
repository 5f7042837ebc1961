import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { RemoteRow, SyncConflict } from '../../core/sync-types';
import type { Library } from '../library';
import { ackAll, outbox, TEAM, teamLibrary } from '../testing/team-library';
import { SAMPLE_SOURCE } from '../testing/temp-library';
import { readRowData } from './sync-row-data';

let lib: Library;
let done: () => void;
let source: string;
let fact: string;
beforeEach(() => {
  const t = teamLibrary();
  lib = t.lib;
  done = t.cleanup;
  source = lib.addSource(SAMPLE_SOURCE).id;
  fact = lib.addFact({ text: 'Ships left Odesa.', sourceId: source, tags: ['grain'] }).id;
  lib.shareWithTeam(TEAM.teamId, { ids: [fact] });
  ackAll(lib, 3);
});
afterEach(() => done());

const fieldConflict = (over: Partial<SyncConflict> = {}): SyncConflict => ({
  entity: 'fact',
  entityId: fact,
  kind: 'field',
  field: 'notes',
  mine: 'Our note',
  theirs: 'Their note',
  serverVersion: 6,
  byUser: 'ben',
  ...over,
});

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a DossierError');
}

describe('conflicts', () => {
  it('are recorded with the server’s value shown here, checked by field', () => {
    const [id] = lib.recordConflicts([fieldConflict()]);
    expect(lib.getFact(fact).notes).toBe('Their note');
    expect(lib.pendingCount()).toBe(0);
    expect(lib.listConflicts({ open: true })).toEqual([{ ...fieldConflict(), id, createdAt: expect.any(String), resolvedAt: null, resolution: null }]);
    expect(errorOf(() => lib.recordConflicts([fieldConflict({ field: null })])).field).toBe('conflicts[0].field');
    expect(errorOf(() => lib.recordConflicts([fieldConflict({ kind: 'both' as never })])).field).toBe('conflicts[0].kind');
    expect(errorOf(() => lib.recordConflicts([fieldConflict({ entity: 'tag' as never })])).field).toBe('conflicts[0].entity');
    expect(lib.listConflicts()).toHaveLength(1);
  });

  it('a field of ours changed again since is left as it is (that change is still to be sent)', () => {
    lib.updateFact(fact, { notes: 'Newer note of ours' });
    lib.recordConflicts([fieldConflict()]);
    expect(lib.getFact(fact).notes).toBe('Newer note of ours');
  });

  it('resolved "theirs" is only marked; "mine" writes our value back as a local change against the current version', () => {
    const [a, b] = lib.recordConflicts([fieldConflict(), fieldConflict({ field: 'tags', mine: ['grain', 'ports'], theirs: ['grain'] })]);
    expect(lib.resolveConflict(a, 'theirs')).toMatchObject({ resolution: 'theirs', resolvedAt: expect.any(String) });
    expect(lib.pendingCount()).toBe(0);
    expect(lib.resolveConflict(b, 'mine').resolution).toBe('mine');
    expect(lib.getFact(fact).tags).toEqual(['grain', 'ports']);
    expect(outbox(lib)).toEqual([{ entity: 'fact', id: fact, op: 'upsert', fields: { tags: ['grain', 'ports'] }, baseVersion: 3 }]);
    expect(errorOf(() => lib.resolveConflict(b, 'mine')).code).toBe('conflict');
    expect(errorOf(() => lib.resolveConflict('no-such-conflict', 'mine')).code).toBe('not_found');
    expect(errorOf(() => lib.resolveConflict(a, 'both' as never)).field).toBe('choice');
    expect(lib.syncState().conflicts).toBe(0);
  });

  it('a row deleted on the server and kept here, resolved "mine", is shared again as a new row with every field', () => {
    const b = lib.createBriefing({ title: 'Memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(b.id, [{ kind: 'fact', factId: fact }]);
    lib.applyRemoteRows(
      TEAM.teamId,
      [],
      [
        { entity: 'fact', id: fact },
        { entity: 'source', id: source },
      ],
    );
    expect(lib.db.prepare('SELECT count(*) FROM sync_rows').pluck().get()).toBe(0);
    const [c] = lib.listConflicts({ open: true });
    lib.resolveConflict(c.id, 'mine');
    expect(outbox(lib)).toEqual([
      { entity: 'source', id: source, op: 'upsert', fields: readRowData(lib.db, 'source', source), baseVersion: 0 },
      { entity: 'fact', id: fact, op: 'upsert', fields: readRowData(lib.db, 'fact', fact), baseVersion: 0 },
    ]);
  });

  it('a row we deleted that the server kept (edited there) comes back, and "mine" deletes it again', () => {
    const data = readRowData(lib.db, 'fact', fact)!;
    lib.removeFact(fact);
    ackAll(lib, 4);
    const [id] = lib.recordConflicts([{ ...fieldConflict(), kind: 'deleted_edited', field: null, mine: null, theirs: { ...data, notes: 'Edited there' } }]);
    expect(lib.getFact(fact)).toMatchObject({ notes: 'Edited there', tags: ['grain'] });
    expect(lib.pendingCount()).toBe(0);
    lib.resolveConflict(id, 'mine');
    expect(outbox(lib)).toEqual([{ entity: 'fact', id: fact, op: 'delete', fields: {}, baseVersion: 6 }]);
  });
});

describe('leaving the team', () => {
  it('removes the team’s rows, keeps our own (and team facts our briefings cite) as personal, and clears the link', () => {
    const T = '22222222-2222-4222-8222-222222222222';
    const at = '2024-03-01T09:00:00.000Z';
    const src = { type: 'report', title: 'Team source', authors: [], editors: [], extra: {}, created_at: at };
    for (const k of [
      'container_title',
      'publisher',
      'publisher_place',
      'issued',
      'accessed',
      'url',
      'doi',
      'pages',
      'volume',
      'issue',
      'number',
      'language',
      'notes',
      'reliability',
    ]) {
      (src as Record<string, unknown>)[k] = null;
    }
    const factData = (text: string) => ({ ...readRowData(lib.db, 'fact', fact)!, text, source_id: T, tags: ['team'] });
    const row = (entity: RemoteRow['entity'], id: string, data: RemoteRow['data']): RemoteRow => ({
      entity,
      id,
      version: 2,
      deleted: false,
      data,
      updatedBy: 'ben',
      updatedAt: at,
    });
    const [cited, other] = ['33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444'];
    lib.applyRemoteRows(TEAM.teamId, [row('source', T, src), row('fact', cited, factData('Team fact we cite.')), row('fact', other, factData('Team fact.'))]);
    const memo = lib.createBriefing({ title: 'Memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(memo.id, [{ kind: 'fact', factId: cited }]);
    lib.updateFact(fact, { notes: 'unsent' });
    lib.recordConflicts([fieldConflict({ entityId: other })]);
    const r = lib.leaveTeam(TEAM.teamName);
    expect(r).toEqual({ removed: { briefing: 0, link: 0, fact: 1, source: 0, original: 0 }, keptOwn: 2, keptCited: 1 });
    expect(lib.getFact(fact).notes).toBe('unsent');
    expect(lib.getFact(cited).sourceId).toBe(T);
    expect(() => lib.getFact(other)).toThrow(/not found/);
    expect(lib.syncState()).toEqual({ linked: false, pending: 0, conflicts: 0, lastSyncAt: null, lastError: null });
    expect(lib.db.prepare('SELECT count(*) FROM sync_rows').pluck().get()).toBe(0);
    expect(lib.listTags().map((t) => t.name)).toEqual(['grain', 'team']);
    lib.updateFact(fact, { notes: 'now personal' });
    expect(lib.pendingCount()).toBe(0);
    expect(errorOf(() => lib.leaveTeam(TEAM.teamId)).field).toBe('teamId');
    expect(lib.check().ok).toBe(true);
  });
});
