import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { Library } from '../library';
import { ackAll, outbox, TEAM, teamLibrary } from '../testing/team-library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let done: () => void;
let herald: string;
let wire: string;
let facts: string[];
beforeEach(() => {
  const t = teamLibrary();
  lib = t.lib;
  done = t.cleanup;
  herald = lib.addSource(SAMPLE_SOURCE).id;
  wire = lib.addSource({ type: 'report', title: 'Wire story' }).id;
  facts = [
    lib.addFact({ text: 'Ships left Odesa.', sourceId: herald, viaSourceId: wire, tags: ['grain'] }).id,
    lib.addFact({ text: 'Insurers returned.', sourceId: herald, tags: ['grain', 'insurance'] }).id,
    lib.addFact({ text: 'Wire: convoy formed.', sourceId: wire }).id,
  ];
  lib.linkCorroboration(facts[0], facts[1]);
  lib.linkCorroboration(facts[0], facts[2]);
});
afterEach(() => done());

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a DossierError');
}

describe('sharing with the team', () => {
  it('shares facts by tag with their sources, via sources and the links between shared facts, each as one full upsert', () => {
    expect(lib.shareWithTeam(TEAM.teamId, { tag: 'grain' })).toEqual({ source: 2, fact: 2, link: 1, briefing: 0, original: 0 });
    const sent = outbox(lib);
    expect(sent.map((m) => m.entity)).toEqual(['source', 'source', 'fact', 'fact', 'link']);
    expect(sent.every((m) => m.op === 'upsert' && m.baseVersion === 0)).toBe(true);
    const fact = sent.find((m) => m.id === facts[1])!;
    expect(fact.fields).toMatchObject({ text: 'Insurers returned.', kind: 'paraphrase', source_id: herald, tags: ['grain', 'insurance'], via_source_id: null });
    expect(Object.keys(fact.fields)).not.toContain('text_hash');
    expect(Object.keys(fact.fields)).not.toContain('updated_at');
    expect(sent.find((m) => m.entity === 'source' && m.id === herald)!.fields).toMatchObject({
      title: SAMPLE_SOURCE.title,
      authors: [{ family: 'Okafor', given: 'Adaeze' }],
      extra: {},
    });
    expect(lib.db.prepare("SELECT DISTINCT origin || ':' || version || ':' || team_id FROM sync_rows").pluck().all()).toEqual([`local:0:${TEAM.teamId}`]);
  });

  it('leaves rows already shared alone, and shares a link once both its facts are shared', () => {
    lib.shareWithTeam(TEAM.teamId, { ids: [facts[0]] });
    ackAll(lib, 3);
    expect(lib.shareWithTeam(TEAM.teamName, { source: wire })).toEqual({ source: 0, fact: 1, link: 1, briefing: 0, original: 0 });
    expect(outbox(lib).map((m) => [m.entity, m.id])).toEqual([
      ['fact', facts[2]],
      ['link', [facts[0], facts[2]].sort().join('~')],
    ]);
    expect(lib.db.prepare("SELECT version FROM sync_rows WHERE entity = 'fact' AND id = ?").pluck().get(facts[0])).toBe(3);
  });

  it('shares a briefing with the facts it places and cites in prose, and their sources', () => {
    const b = lib.createBriefing({ title: 'Corridor', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(b.id, [
      { kind: 'prose', text: `Convoys formed [@${facts[2]}].` },
      { kind: 'fact', factId: facts[1] },
    ]);
    expect(lib.shareWithTeam(TEAM.teamId, { brief: 'Corridor' })).toEqual({ source: 2, fact: 2, link: 0, briefing: 1, original: 0 });
    const brief = outbox(lib).find((m) => m.entity === 'briefing')!;
    expect(brief.fields).toMatchObject({ title: 'Corridor', template_id: 'info-memo', fields: {}, portion_marks: 0 });
    const body = brief.fields.body as { sections: { key: string; items: { kind: string }[] }[] };
    expect(body.sections.map((s) => [s.key, s.items.map((i) => i.kind)])).toEqual([['bluf', ['prose', 'fact']]]);
  });

  it('refuses bad selections naming the field, and sharing without a link or with another team', () => {
    expect(errorOf(() => lib.shareWithTeam(TEAM.teamId, { ids: [facts[0], 'no-such-fact'] })).field).toBe('ids[1]');
    expect(errorOf(() => lib.shareWithTeam(TEAM.teamId, { ids: [] })).field).toBe('ids');
    expect(errorOf(() => lib.shareWithTeam(TEAM.teamId, { tag: 'nothing' })).message).toMatch(/tag: no fact has the tag "nothing"/);
    expect(errorOf(() => lib.shareWithTeam(TEAM.teamId, { source: 'nope' })).field).toBe('source');
    expect(errorOf(() => lib.shareWithTeam(TEAM.teamId, { brief: 'nope' })).field).toBe('brief');
    expect(errorOf(() => lib.shareWithTeam(TEAM.teamId, { tag: 'grain', ids: [] })).field).toBe('selector');
    expect(errorOf(() => lib.shareWithTeam('other-team', { tag: 'grain' })).field).toBe('teamId');
    expect(lib.pendingCount()).toBe(0);
    const other = tempLibrary();
    try {
      expect(errorOf(() => other.lib.shareWithTeam(TEAM.teamId, { tag: 'grain' })).message).toMatch(/not linked/);
    } finally {
      other.cleanup();
    }
  });

  it('keeps passwords out of the library file', () => {
    expect(errorOf(() => lib.setTeamLink({ ...TEAM, server: 'postgresql://ana:secret@team.example/dossier' })).field).toBe('server');
    expect(errorOf(() => lib.setTeamLink({ ...TEAM, server: 'host=team.example password=secret' })).field).toBe('server');
    expect(errorOf(() => lib.setTeamLink({ ...TEAM, teamId: 'team-2' })).code).toBe('conflict');
    expect(lib.teamLink()).toMatchObject({ server: TEAM.server, teamId: TEAM.teamId, cursor: '', lastSyncAt: null });
    lib.setSyncCursor('42');
    lib.recordSyncError('server unreachable');
    expect(lib.syncState()).toMatchObject({ linked: true, pending: 0, conflicts: 0, lastError: 'server unreachable' });
    lib.setSyncCursor('43');
    expect(lib.syncState()).toMatchObject({ lastError: null, lastSyncAt: expect.any(String) });
    expect(lib.teamLink()?.cursor).toBe('43');
  });
});
