import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteRow } from '../../core/sync-types';
import type { Library } from '../library';
import { prepareOriginal, prepareReceived, type PreparedOriginal } from '../originals/codec';
import { storeOriginal } from '../originals/store';
import { ackAll, outbox, TEAM, teamLibrary } from '../testing/team-library';

let lib: Library;
let done: () => void;
let herald: string;
let fact: string;
beforeEach(() => {
  const t = teamLibrary();
  lib = t.lib;
  done = t.cleanup;
  herald = lib.addSource({ type: 'report', title: 'Herald' }).id;
  fact = lib.addFact({ text: 'Ships left Odesa.', sourceId: herald }).id;
});
afterEach(() => done());

const file = (text: string, name = 'page.html') => prepareOriginal(Buffer.from(`<p>${text}</p>`), 'text/html', [{ text }], name);
const attach = (sourceId: string, o: PreparedOriginal) => storeOriginal(lib.db, sourceId, o, '2024-01-19T10:00:00.000Z');
const count = (table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function remoteLink(sourceId: string, o: PreparedOriginal, version = 1): RemoteRow {
  return {
    entity: 'original',
    id: `${sourceId}~${o.sha256}`,
    version,
    deleted: false,
    data: { source_id: sourceId, sha256: o.sha256, file_name: 'theirs.html', captured_at: '2024-02-01T00:00:00.000Z', marking: null },
    updatedBy: 'ben',
    updatedAt: '2024-02-01T00:00:00.000Z',
  };
}

describe('stored originals in a team library', () => {
  it('a shared source takes its originals along, after its facts; one attached later is queued too', () => {
    const page = file('Ships left Odesa.');
    attach(herald, page);
    expect(lib.shareWithTeam(TEAM.teamId, { ids: [fact] })).toEqual({ source: 1, fact: 1, link: 0, briefing: 0, original: 1 });
    expect(outbox(lib).map((m) => [m.entity, m.id])).toEqual([
      ['source', herald],
      ['fact', fact],
      ['original', `${herald}~${page.sha256}`],
    ]);
    expect(outbox(lib)[2].fields).toEqual({ source_id: herald, sha256: page.sha256, file_name: 'page.html', captured_at: '2024-01-19T10:00:00.000Z' });
    ackAll(lib);
    const scan = file('A scan of the same page.', 'scan.pdf');
    attach(herald, scan);
    // A personal source's file stays personal.
    attach(lib.addSource({ type: 'report', title: 'Notebook' }).id, file('Mine only.'));
    expect(outbox(lib)).toEqual([
      {
        entity: 'original',
        id: `${herald}~${scan.sha256}`,
        op: 'upsert',
        fields: { source_id: herald, sha256: scan.sha256, file_name: 'scan.pdf', captured_at: '2024-01-19T10:00:00.000Z' },
        baseVersion: 0,
      },
    ]);
  });

  it('a source shared because a shared fact moved to it goes with its originals; deleting a shared source unshares them', () => {
    lib.shareWithTeam(TEAM.teamId, { ids: [fact] });
    ackAll(lib);
    const notebook = lib.addSource({ type: 'report', title: 'Notebook' }).id;
    const page = file('Convoy formed.');
    attach(notebook, page);
    lib.updateFact(fact, { sourceId: notebook });
    expect(outbox(lib).map((m) => [m.entity, m.id])).toEqual([
      ['source', notebook],
      ['original', `${notebook}~${page.sha256}`],
      ['fact', fact],
    ]);
    ackAll(lib, 2);
    lib.updateFact(fact, { sourceId: herald });
    ackAll(lib, 3);
    lib.removeSource(notebook);
    expect(outbox(lib).map((m) => [m.entity, m.op])).toEqual(
      expect.arrayContaining([
        ['original', 'delete'],
        ['source', 'delete'],
      ]),
    );
    expect(count('originals')).toBe(0);
  });

  it('applies the team’s links: a new file stored and searchable as a capture is, one already here linked, nothing echoed', () => {
    lib.shareWithTeam(TEAM.teamId, { ids: [fact] });
    ackAll(lib);
    const page = file('Barges waited at Izmail.');
    const received = new Map([
      [page.sha256, prepareReceived(Buffer.from('<p>Barges waited at Izmail.</p>'), 'text/html', '[[null,null,"Barges waited at Izmail."]]')!],
    ]);
    const r = lib.applyRemoteRows(TEAM.teamId, [remoteLink(herald, page)], [], received);
    expect(r.applied.original).toBe(1);
    expect(lib.originalsOfSource(herald)).toMatchObject([{ sha256: page.sha256, fileName: 'theirs.html', mediaType: 'text/html' }]);
    expect(lib.searchOriginals('Izmail').map((h) => h.sha256)).toEqual([page.sha256]);
    expect(lib.db.prepare("SELECT origin, version FROM sync_rows WHERE entity = 'original'").get()).toEqual({ origin: 'team', version: 1 });
    expect(lib.pendingCount()).toBe(0);
    expect(lib.check().ok).toBe(true);
    // The same file for a second source: only the link, no file needed.
    const wire = lib.addSource({ type: 'report', title: 'Wire' }).id;
    lib.applyRemoteRows(TEAM.teamId, [
      { entity: 'source', id: wire, version: 1, deleted: false, data: lib.rowData('source', wire)!, updatedBy: 'ben', updatedAt: 'now' },
    ]);
    expect(lib.applyRemoteRows(TEAM.teamId, [remoteLink(wire, page)]).applied.original).toBe(1);
    expect(count('originals')).toBe(1);
    // Gone from sight: the link goes, the file with its last link.
    lib.applyRemoteRows(TEAM.teamId, [], [{ entity: 'original', id: `${herald}~${page.sha256}` }]);
    expect(count('originals')).toBe(1);
    lib.applyRemoteRows(TEAM.teamId, [{ ...remoteLink(wire, page, 2), deleted: true }]);
    expect([count('originals'), count('source_originals'), count('original_search')]).toEqual([0, 0, 0]);
  });

  it('refuses a link whose file was not received, or whose id is not its source and file, and applies nothing', () => {
    lib.shareWithTeam(TEAM.teamId, { ids: [fact] });
    ackAll(lib);
    const page = file('Never fetched.');
    expect(() => lib.applyRemoteRows(TEAM.teamId, [remoteLink(herald, page)])).toThrow(/original .*: its file was not received from the team server/);
    expect(() => lib.applyRemoteRows(TEAM.teamId, [{ ...remoteLink(herald, page), id: `${herald}~x` }])).toThrow(/the id must be source_id~sha256/);
    expect([count('originals'), count('source_originals')]).toEqual([0, 0]);
    expect(lib.db.prepare("SELECT count(*) FROM sync_rows WHERE entity = 'original'").pluck().get()).toBe(0);
  });
});
