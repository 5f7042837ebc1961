import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEntity } from '../../core/sync-types';
import type { Library } from '../library';
import { FakeTeamServer, syncOnce } from '../testing/fake-team-server';
import { TEAM, teamLibrary } from '../testing/team-library';
import { SAMPLE_SOURCE } from '../testing/temp-library';
import { readRowData } from './sync-row-data';

let ana: Library;
let ben: Library;
let server: FakeTeamServer;
const cleanups: (() => void)[] = [];
let facts: string[];
beforeEach(() => {
  const a = teamLibrary();
  const b = teamLibrary();
  cleanups.push(a.cleanup, b.cleanup);
  [ana, ben, server] = [a.lib, b.lib, new FakeTeamServer()];
  const s = ana.addSource(SAMPLE_SOURCE).id;
  facts = ['Ships left Odesa.', 'Insurers returned.', 'Convoys formed.'].map((text) => ana.addFact({ text, sourceId: s, tags: ['grain'] }).id);
  ana.shareWithTeam(TEAM.teamId, { tag: 'grain' });
  syncOnce(ana, server, 'ana');
  syncOnce(ben, server, 'ben');
});
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Every shared row, as each library holds it: the two must be the same, and the server's. */
function sharedState(lib: Library): Record<string, unknown> {
  const rows = lib.db.prepare('SELECT entity, id FROM sync_rows ORDER BY entity, id').all() as { entity: SyncEntity; id: string }[];
  return Object.fromEntries(rows.map((r) => [`${r.entity}:${r.id}`, readRowData(lib.db, r.entity, r.id)]));
}

function settle(): void {
  for (let i = 0; i < 2; i++) {
    syncOnce(ana, server, 'ana');
    syncOnce(ben, server, 'ben');
  }
  expect(ana.pendingCount()).toBe(0);
  expect(ben.pendingCount()).toBe(0);
  const a = sharedState(ana);
  expect(sharedState(ben)).toEqual(a);
  for (const [key, data] of Object.entries(a)) {
    const [entity, id] = key.split(':') as [SyncEntity, string];
    expect(server.row(entity, id)?.data, key).toEqual(data);
  }
}

describe('two libraries and a team server', () => {
  it('the first sync gives the second analyst the shared facts, searchable', () => {
    expect(ben.getFact(facts[0])).toMatchObject({ text: 'Ships left Odesa.', tags: ['grain'] });
    expect(ben.searchFacts({ text: 'convoys' }).total).toBe(1);
    settle();
  });

  it('edits to different fields of one fact merge; tags, links and deletes travel', () => {
    ana.updateFact(facts[0], { credibility: 2 });
    ben.updateFact(facts[0], { notes: 'Port log agrees.' });
    ben.tagFact(facts[1], ['insurance']);
    ben.linkCorroboration(facts[0], facts[1], 'Same week');
    ana.removeFact(facts[2]);
    settle();
    expect(ana.getFact(facts[0])).toMatchObject({ credibility: 2, notes: 'Port log agrees.' });
    expect(ana.getFact(facts[1]).tags).toEqual(['grain', 'insurance']);
    expect(ana.corroboratingFacts(facts[0]).map((f) => f.id)).toEqual([facts[1]]);
    expect(() => ben.getFact(facts[2])).toThrow(/not found/);
  });

  it('the same field edited twice keeps the server’s order, and the other value is a conflict to resolve', () => {
    ana.updateFact(facts[1], { notes: 'Ana’s note' });
    ben.updateFact(facts[1], { notes: 'Ben’s note' });
    syncOnce(ana, server, 'ana');
    expect(syncOnce(ben, server, 'ben').conflicts).toBe(1);
    expect(ben.getFact(facts[1]).notes).toBe('Ana’s note');
    const [c] = ben.listConflicts({ open: true });
    expect(c).toMatchObject({ entity: 'fact', entityId: facts[1], kind: 'field', field: 'notes', mine: 'Ben’s note', theirs: 'Ana’s note', byUser: 'ana' });
    settle();
    ben.resolveConflict(c.id, 'mine');
    expect(ben.syncState().conflicts).toBe(0);
    settle();
    expect(ana.getFact(facts[1]).notes).toBe('Ben’s note');
  });

  it('a change of ours kept through a pull still loses to the server’s order when it is pushed', () => {
    ana.updateFact(facts[1], { notes: 'Ana’s note' });
    syncOnce(ana, server, 'ana');
    ben.updateFact(facts[1], { notes: 'Ben’s note' });
    // A pull before the push (an engine may do either first): Ben's unsent note stays for now.
    const { rows, cursor } = server.pull(Number(ben.teamLink()!.cursor));
    ben.applyRemoteRows(TEAM.teamId, rows);
    ben.setSyncCursor(String(cursor));
    expect(ben.getFact(facts[1]).notes).toBe('Ben’s note');
    expect(syncOnce(ben, server, 'ben')).toMatchObject({ conflicts: 1, pulled: 0 });
    expect(ben.getFact(facts[1]).notes).toBe('Ana’s note');
    settle();
  });

  it('an edit to a row deleted elsewhere is a conflict: never lost, never silently back', () => {
    ben.removeFact(facts[2]);
    syncOnce(ben, server, 'ben');
    ana.updateFact(facts[2], { notes: 'Offline edit' });
    syncOnce(ana, server, 'ana');
    expect(() => ana.getFact(facts[2])).toThrow(/not found/);
    const [c] = ana.listConflicts({ open: true });
    expect(c).toMatchObject({ kind: 'edited_deleted', entityId: facts[2], mine: { text: 'Convoys formed.', notes: 'Offline edit' } });
    settle();
    expect(() => ben.getFact(facts[2])).toThrow(/not found/);
    ana.resolveConflict(c.id, 'mine');
    settle();
    expect(ben.getFact(facts[2])).toMatchObject({ notes: 'Offline edit', tags: ['grain'] });
  });

  it('a delete of a row edited elsewhere is a conflict: the edit stands until the analyst deletes again', () => {
    ana.updateFact(facts[0], { notes: 'Edited' });
    syncOnce(ana, server, 'ana');
    ben.removeFact(facts[0]);
    syncOnce(ben, server, 'ben');
    expect(ben.getFact(facts[0]).notes).toBe('Edited');
    const [c] = ben.listConflicts({ open: true });
    expect(c).toMatchObject({ kind: 'deleted_edited', entityId: facts[0] });
    settle();
    ben.resolveConflict(c.id, 'mine');
    settle();
    expect(() => ana.getFact(facts[0])).toThrow(/not found/);
  });

  it('a shared briefing travels with its body', () => {
    const b = ana.createBriefing({ title: 'Corridor', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    ana.addItems(b.id, [
      { kind: 'prose', text: `Convoys formed [@${facts[2]}].` },
      { kind: 'fact', factId: facts[0] },
    ]);
    ana.shareWithTeam(TEAM.teamId, { brief: b.id });
    settle();
    ben.moveItem(b.id, '2', 0);
    ben.updateBriefing(b.id, { title: 'Corridor, week 2' });
    settle();
    expect(ana.getBriefing(b.id)).toMatchObject({ title: 'Corridor, week 2' });
    expect(ana.getBriefing(b.id).sections[0].items.map((i) => i.kind)).toEqual(['fact', 'prose']);
  });
});
