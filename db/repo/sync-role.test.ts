import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { Library } from '../library';
import { ackAll, outbox, TEAM, teamLibrary } from '../testing/team-library';
import { SAMPLE_SOURCE } from '../testing/temp-library';

let lib: Library;
let done: () => void;
let source: string;
let shared: string[];
let personal: string;
let briefing: string;
beforeEach(() => {
  const t = teamLibrary();
  lib = t.lib;
  done = t.cleanup;
  source = lib.addSource(SAMPLE_SOURCE).id;
  shared = [
    lib.addFact({ text: 'Ships left Odesa.', sourceId: source, tags: ['grain'], notes: 'as shared' }).id,
    lib.addFact({ text: 'Insurers returned.', sourceId: source, tags: ['grain'] }).id,
  ];
  briefing = lib.createBriefing({ title: 'Grain memo', templateId: 'action-memo' }, [{ key: 'summary', heading: 'Summary' }]).id;
  lib.addItems(briefing, [{ kind: 'prose', text: `Ships left [@${shared[0]}].` }]);
  lib.shareWithTeam(TEAM.teamId, { brief: briefing });
  lib.shareWithTeam(TEAM.teamId, { ids: shared });
  ackAll(lib);
  personal = lib.addFact({ text: 'My own note on tariffs.', sourceId: lib.addSource({ type: 'report', title: 'Mine' }).id }).id;
  lib.setTeamRole('reader');
});
afterEach(() => done());

function refusal(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected the change to be refused');
}

/** What a refusal must leave as it was: the rows, the outbox. */
function snapshot(): string {
  return JSON.stringify([lib.getFact(shared[0]), lib.getFact(shared[1]), lib.getSource(source), lib.getBriefing(briefing), outbox(lib), lib.listTags()]);
}

describe("a reader's edits of team rows", () => {
  it('are refused up front, naming the team and the role, and nothing changes', () => {
    const before = snapshot();
    const attempts: [string, () => unknown][] = [
      ['fact', () => lib.updateFact(shared[0], { notes: 'my reading' })],
      ['fact', () => lib.updateFact(shared[0].slice(0, 8), { notes: 'by prefix' })],
      ['fact', () => lib.tagFact(shared[0], ['mine'])],
      ['fact', () => lib.untagFact(shared[0], ['grain'])],
      ['fact', () => lib.verifyFact(shared[1])],
      ['fact', () => lib.removeFact(shared[1])],
      ['fact', () => lib.renameTag('grain', 'wheat')],
      ['source', () => lib.updateSource(source, { title: 'Renamed' })],
      ['source', () => lib.removeSource(source, { cascade: true })],
      ['link', () => lib.linkCorroboration(shared[0], shared[1])],
      ['briefing', () => lib.updateBriefing(briefing, { title: 'Mine now' })],
      ['briefing', () => lib.addSection('Grain memo', { heading: 'Annex' })],
      ['briefing', () => lib.removeBriefing(briefing)],
    ];
    for (const [field, attempt] of attempts) {
      const e = refusal(attempt);
      expect(e.code, field).toBe('validation');
      expect(e.field, e.message).toBe(field);
      expect(e.message).toMatch(new RegExp(`^${field}: this .+ belongs to team "${TEAM.teamName}", where your role is reader: .+Nothing changed\\.$`));
    }
    expect(refusal(() => lib.shareWithTeam(TEAM.teamId, { ids: [personal] })).field).toBe('team');
    expect(snapshot()).toBe(before);
  });

  it('leaves personal rows editable, says why a team fact is read-only, and an editor may edit again', () => {
    expect(lib.updateFact(personal, { notes: 'still mine' }).notes).toBe('still mine');
    expect(lib.readOnlyReason('fact', shared[0])).toBe(`Read-only: this fact belongs to team “${TEAM.teamName}”, where you are a reader.`);
    expect(lib.readOnlyReason('fact', personal)).toBeUndefined();
    expect(outbox(lib)).toEqual([]);

    lib.setTeamRole('editor');
    expect(lib.readOnlyReason('fact', shared[0])).toBeUndefined();
    lib.updateFact(shared[0], { notes: 'edited as an editor' });
    expect(outbox(lib)).toEqual([expect.objectContaining({ entity: 'fact', id: shared[0], fields: { notes: 'edited as an editor' } })]);
  });

  it('refuses an unknown role, and forgets the role when the library leaves the team', () => {
    expect(refusal(() => lib.setTeamRole('owner')).field).toBe('role');
    expect(lib.teamRole()).toBe('reader');
    lib.leaveTeam(TEAM.teamId);
    expect(lib.teamRole()).toBeUndefined();
    lib.setTeamLink(TEAM);
    // Relinked without a role yet (the server says it at the next sync): nothing is refused meanwhile.
    expect(lib.readOnlyReason('fact', shared[0])).toBeUndefined();
  });
});

describe('changes the server refused', () => {
  it('become conflicts against what stands on the server, the latest local value as mine; a row the server never had stays personal', () => {
    lib.setTeamRole('editor');
    lib.updateFact(shared[0], { notes: 'first try' });
    lib.updateFact(shared[0], { notes: 'second try', text: 'Ships left Odesa on Friday.' });
    const fresh = lib.addFact({ text: 'A new one.', sourceId: source }).id;
    lib.shareWithTeam(TEAM.teamId, { ids: [fresh] });
    const refused = lib.pendingMutations();
    const server = {
      entity: 'fact' as const,
      id: shared[0],
      version: 3,
      deleted: false,
      data: { ...lib.rowData('fact', shared[0])!, notes: 'as shared', text: 'Ships left Odesa.' },
      updatedBy: 'bob',
      updatedAt: new Date().toISOString(),
    };
    lib.db.transaction(() => {
      lib.ackMutations(refused.map((m) => ({ mutationId: m.mutationId, version: 0 })));
      expect(lib.keepRefused(refused.map((m) => ({ mutation: m, server: m.id === shared[0] ? server : undefined })))).toEqual({ conflicts: 2, unshared: 1 });
    })();

    const open = lib.listConflicts({ open: true }).map((c) => [c.entityId, c.field, c.mine, c.theirs, c.byUser, c.serverVersion]);
    expect(open).toEqual([
      [shared[0], 'notes', 'second try', 'as shared', 'bob', 3],
      [shared[0], 'text', 'Ships left Odesa on Friday.', 'Ships left Odesa.', 'bob', 3],
    ]);
    // The row shows what stands on the server until the analyst picks; nothing waits to be sent.
    expect(lib.getFact(shared[0])).toMatchObject({ notes: 'as shared', text: 'Ships left Odesa.' });
    expect(lib.pendingCount()).toBe(0);
    expect(lib.getFact(fresh).text).toBe('A new one.');
    expect(lib.readOnlyReason('fact', fresh)).toBeUndefined();
    lib.setTeamRole('reader');
    expect(lib.updateFact(fresh, { notes: 'personal again' }).notes).toBe('personal again');
    // "Keep mine" would be sent and refused again: a reader settles with theirs (or asks for the editor role).
    const [notes] = lib.listConflicts({ open: true });
    expect(refusal(() => lib.resolveConflict(notes.id, 'mine')).field).toBe('fact');
    expect(lib.resolveConflict(notes.id, 'theirs').resolution).toBe('theirs');
  });
});
