import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type PgCluster } from '../testing/pg-cluster';
import { mutation, teamFixture, type TeamFixture } from '../testing/team-fixture';
import { pull, push, type PullResult, type PushResult, type TeamServer } from '.';

let cluster: PgCluster;
let fx: TeamFixture;
let ann: TeamServer;
let ben: TeamServer;
let annName: string;
let benName: string;

beforeAll(async () => {
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  ({ s: ann, name: annName } = await fx.member('ann', 'editor', 'S'));
  ({ s: ben, name: benName } = await fx.member('ben', 'editor', 'S'));
});
afterAll(async () => {
  await fx?.close();
  cluster?.stop();
});

let n = 0;
/** A fact shared by ann's library at version 1. */
async function shared(fields: Record<string, string> = { text: 'Original', note: 'n0', marking: 'U' }): Promise<string> {
  n += 1;
  const id = `fact-${n}`;
  const [r] = await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, fields, 0)]);
  expect(r).toMatchObject({ status: 'applied', version: 1 });
  return id;
}

async function serverRow(id: string): Promise<{ data: Record<string, unknown>; version: string; deleted: boolean }> {
  const r = await fx.admin.query<{ data: Record<string, unknown>; version: string; deleted: boolean }>(
    'SELECT data, version::text AS version, deleted FROM dossier.rows WHERE id = $1',
    [id],
  );
  return r.rows[0];
}

describe('push', () => {
  it('applies each mutation once: a repeat returns the stored result as duplicate', async () => {
    const id = await shared();
    const m = mutation('fact', id, { text: 'Edited' }, 1);
    const [first]: PushResult[] = await push(ann, fx.teamId, 'lib-ann', [m]);
    const [again]: PushResult[] = await push(ann, fx.teamId, 'lib-ann', [m]);
    expect(first).toMatchObject({ status: 'applied', version: 2 });
    expect(again).toMatchObject({ mutationId: m.mutationId, status: 'duplicate', version: 2 });
    expect((await serverRow(id)).version).toBe('2');
    const history = await fx.admin.query('SELECT version FROM dossier.history WHERE id = $1', [id]);
    expect(history.rowCount).toBe(2);
  });

  it('merges edits of different fields from two libraries', async () => {
    const id = await shared();
    const [a] = await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { text: 'Ann text' }, 1)]);
    const [b] = await push(ben, fx.teamId, 'lib-ben', [mutation('fact', id, { note: 'Ben note' }, 1)]);
    expect([a.status, b.status]).toEqual(['applied', 'applied']);
    expect((await serverRow(id)).data).toMatchObject({ text: 'Ann text', note: 'Ben note' });
  });

  it('same field: the first committed stands, the other comes back as a conflict and is kept for its user', async () => {
    const id = await shared();
    await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { text: 'Ann wins' }, 1)]);
    const m = mutation('fact', id, { text: 'Ben loses', note: 'Ben note' }, 1);
    const [b] = await push(ben, fx.teamId, 'lib-ben', [m]);
    expect(b).toMatchObject({ status: 'conflict', version: 3 });
    expect(b.conflicts).toEqual([
      { entity: 'fact', entityId: id, kind: 'field', field: 'text', mine: 'Ben loses', theirs: 'Ann wins', serverVersion: 2, byUser: annName },
    ]);
    // The other field of the same mutation still applied.
    expect((await serverRow(id)).data).toMatchObject({ text: 'Ann wins', note: 'Ben note' });
    const kept = await ben.query<{ mine: unknown; user_name: string }>('SELECT mine, user_name FROM dossier.conflicts WHERE entity_id = $1', [id]);
    expect(kept.rows).toEqual([{ mine: 'Ben loses', user_name: benName }]);
    expect((await ann.query('SELECT 1 FROM dossier.conflicts WHERE entity_id = $1', [id])).rowCount).toBe(0);
  });

  it("one library's successive edits never conflict with themselves", async () => {
    const id = await shared();
    const results = await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { text: 'one' }, 1), mutation('fact', id, { text: 'two' }, 1)]);
    const [third] = await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { text: 'three' }, 1)]);
    expect([...results, third].map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await serverRow(id)).data['text']).toBe('three');
    // The same person on another laptop is another library: that does conflict.
    const [other] = await push(ann, fx.teamId, 'lib-ann-laptop', [mutation('fact', id, { text: 'laptop' }, 1)]);
    expect(other.status).toBe('conflict');
  });

  it('an edit of a row deleted elsewhere is a conflict, never a resurrection', async () => {
    const id = await shared();
    const [del] = await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, {}, 1, 'delete')]);
    expect(del).toMatchObject({ status: 'applied', version: 2 });
    const [b] = await push(ben, fx.teamId, 'lib-ben', [mutation('fact', id, { text: 'Ben edit' }, 1)]);
    expect(b).toMatchObject({ status: 'conflict', version: 2 });
    expect(b.conflicts[0]).toMatchObject({ kind: 'edited_deleted', mine: { text: 'Ben edit' }, theirs: null });
    expect(await serverRow(id)).toMatchObject({ deleted: true, version: '2', data: { text: 'Original' } });
  });

  it('a delete of a row changed elsewhere is a conflict, and the row is kept', async () => {
    const id = await shared();
    await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { text: 'Ann edit' }, 1)]);
    const [b] = await push(ben, fx.teamId, 'lib-ben', [mutation('fact', id, {}, 1, 'delete')]);
    expect(b).toMatchObject({ status: 'conflict', version: 2 });
    expect(b.conflicts[0]).toMatchObject({ kind: 'deleted_edited', mine: null, theirs: { text: 'Ann edit' } });
    expect(await serverRow(id)).toMatchObject({ deleted: false, data: { text: 'Ann edit' } });
    // Based on the latest version, the delete goes through.
    const [again] = await push(ben, fx.teamId, 'lib-ben', [mutation('fact', id, {}, 2, 'delete')]);
    expect(again).toMatchObject({ status: 'applied', version: 3 });
  });

  it('a mixed batch (new rows, merges, a conflict, a row changed twice, a repeat) gives each mutation its own answer', async () => {
    const edited = await shared();
    const contested = await shared();
    await push(ben, fx.teamId, 'lib-ben', [mutation('fact', contested, { text: 'Ben first' }, 1)]);
    const fresh = mutation('fact', `new-${edited}`, { text: 'New', marking: 'U' }, 0);
    const again = mutation('fact', fresh.id, { note: 'then a note' }, 0);
    const batch = [
      fresh,
      mutation('fact', `other-${edited}`, { text: 'Other new' }, 0),
      mutation('fact', edited, { note: 'Ann note' }, 1),
      mutation('fact', contested, { text: 'Ann late', note: 'Ann note' }, 1),
      again,
      fresh,
      mutation('fact', `nowhere-${edited}`, {}, 0, 'delete'),
    ];
    const results = await push(ann, fx.teamId, 'lib-ann', batch);
    expect(results.map((r) => [r.status, r.version])).toEqual([
      ['applied', 1],
      ['applied', 1],
      ['applied', 2],
      ['conflict', 3],
      ['applied', 2],
      ['duplicate', 1],
      ['refused', 0],
    ]);
    expect(results[3].conflicts).toMatchObject([{ field: 'text', mine: 'Ann late', theirs: 'Ben first', byUser: benName }]);
    expect((await serverRow(fresh.id)).data).toEqual({ text: 'New', marking: 'U', note: 'then a note' });
    expect((await serverRow(edited)).data).toMatchObject({ text: 'Original', note: 'Ann note' });
    expect((await serverRow(contested)).data).toMatchObject({ text: 'Ben first', note: 'Ann note' });
    // Every write is in the history and the change log, once; every applied mutation is kept for a repeat.
    const ids = [fresh.id, `other-${edited}`, edited, contested];
    const history = await fx.admin.query<{ id: string; n: string }>('SELECT id, count(*)::text AS n FROM dossier.history WHERE id = ANY($1) GROUP BY id', [
      ids,
    ]);
    expect(Object.fromEntries(history.rows.map((r) => [r.id, r.n]))).toEqual({ [fresh.id]: '2', [`other-${edited}`]: '1', [edited]: '2', [contested]: '3' });
    const logged = await fx.admin.query('SELECT 1 FROM dossier.change_log WHERE id = ANY($1)', [ids]);
    expect(logged.rowCount).toBe(8);
    const kept = await ann.query('SELECT 1 FROM dossier.applied_mutations WHERE mutation_id = ANY($1)', [batch.map((m) => m.mutationId)]);
    expect(kept.rowCount).toBe(5);
    const repeat = await push(ann, fx.teamId, 'lib-ann', batch);
    expect(repeat.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'refused']);
  });

  it('a batch that fails changes nothing', async () => {
    const id = await shared();
    const bad = { ...mutation('fact', 'x', {}, 0), entity: 'nonsense' as 'fact' };
    await expect(push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { text: 'Lost?' }, 1), bad])).rejects.toMatchObject({
      code: 'validation',
      field: 'mutations[1].entity',
    });
    expect((await serverRow(id)).data['text']).toBe('Original');
  });
});

/** Waits (by asking the server, no sleeping) until a backend of `user` is waiting on a lock. */
async function blockedOnLock(user: string): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const r = await fx.admin.query("SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'", [user]);
    if (r.rowCount) return;
    if (Date.now() > until) throw new Error(`${user} never waited on a lock`);
  }
}

describe('push under concurrency', () => {
  it('same field edited at the same moment: the first to commit stands', async () => {
    const id = await shared();
    const { url } = await fx.member('raw', 'editor', 'S');
    const first = new pg.Client({ connectionString: url });
    await first.connect();
    try {
      await first.query('BEGIN');
      await first.query("SELECT set_config('dossier.library_id', 'lib-raw', true)");
      await first.query(`UPDATE dossier.rows SET data = data || '{"text":"First to commit"}' WHERE id = $1`, [id]);
      const second = push(ben, fx.teamId, 'lib-ben', [mutation('fact', id, { text: 'Second' }, 1)]);
      await blockedOnLock(benName);
      await first.query('COMMIT');
      const [r] = await second;
      expect(r).toMatchObject({ status: 'conflict', conflicts: [{ field: 'text', mine: 'Second', theirs: 'First to commit' }] });
      expect((await serverRow(id)).data['text']).toBe('First to commit');
    } finally {
      await first.end();
    }
  });

  it('two libraries sharing the same new row at once: the second merges into the first', async () => {
    const { url } = await fx.member('raw2', 'editor', 'S');
    const first = new pg.Client({ connectionString: url });
    await first.connect();
    const id = 'fact-a~fact-b';
    try {
      await first.query('BEGIN');
      await first.query(`INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, 'link', $2, '{"kind":"supports"}')`, [fx.teamId, id]);
      const second = push(ben, fx.teamId, 'lib-ben', [mutation('link', id, { kind: 'supports', note: 'Ben' }, 0)]);
      await blockedOnLock(benName);
      await first.query('COMMIT');
      const [r] = await second;
      expect(r).toMatchObject({ status: 'applied', version: 2 });
      expect((await serverRow(id)).data).toEqual({ kind: 'supports', note: 'Ben' });
    } finally {
      await first.end();
    }
  });
});

describe('pull', () => {
  it('returns the latest state per row, in pages, with an opaque cursor', async () => {
    const { s: cat } = await fx.member('cat', 'reader', 'U');
    const ids = [await shared(), await shared(), await shared()];
    await push(ann, fx.teamId, 'lib-ann', [mutation('fact', ids[0], { text: 'Changed' }, 1)]);
    const seen = new Map<string, { version: number; text: unknown }>();
    let cursor = '';
    for (let more = true, pages = 0; more; pages++) {
      expect(pages).toBeLessThan(100);
      const p = await pull(cat, fx.teamId, cursor, 2);
      for (const r of p.rows) seen.set(r.id, { version: r.version, text: r.data['text'] });
      ({ cursor, more } = p);
    }
    expect(seen.get(ids[0])).toEqual({ version: 2, text: 'Changed' });
    expect(seen.get(ids[2])).toEqual({ version: 1, text: 'Original' });
    const after: PullResult = await pull(cat, fx.teamId, cursor, 10);
    expect(after).toEqual({ rows: [], gone: [], cursor, more: false });
    await expect(pull(cat, fx.teamId, 'garbage', 10)).rejects.toMatchObject({ code: 'validation', field: 'cursor' });
  });

  it('reports a row raised above the reader’s clearance as gone', async () => {
    const { s: low } = await fx.member('lou', 'reader', 'CUI');
    const id = await shared({ text: 'Was open', marking: 'CUI' });
    const first = await pull(low, fx.teamId, '', 10_000);
    expect(first.rows.map((r) => r.id)).toContain(id);
    await push(ann, fx.teamId, 'lib-ann', [mutation('fact', id, { marking: 'S', text: 'Now closed' }, 1)]);
    const next = await pull(low, fx.teamId, first.cursor, 10_000);
    expect(next.rows.map((r) => r.id)).not.toContain(id);
    expect(next.gone).toEqual([{ entity: 'fact', id }]);
    expect(JSON.stringify(next)).not.toContain('Now closed');
  });

  it('never skips a change committed late by a transaction that started first', async () => {
    const { url } = await fx.member('eve', 'editor', 'S');
    const slow = new pg.Client({ connectionString: url });
    const fast = new pg.Client({ connectionString: url });
    await slow.connect();
    await fast.connect();
    try {
      const start = await pull(ann, fx.teamId, '', 50_000);
      // The slow transaction writes first (lower seq, lower xid) and stays open...
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, 'fact', 'late', '{"text":"late"}')`, [fx.teamId]);
      // ...while a later one commits.
      await fast.query(`INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, 'fact', 'early', '{"text":"early"}')`, [fx.teamId]);
      const during = await pull(ann, fx.teamId, start.cursor, 50_000);
      // Not even the committed one yet: handing it out would move the cursor past 'late'.
      expect(during.rows.map((r) => r.id)).toEqual([]);
      await slow.query('COMMIT');
      const after = await pull(ann, fx.teamId, during.cursor, 50_000);
      expect(after.rows.map((r) => r.id).sort()).toEqual(['early', 'late']);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it('a late commit is still delivered after a cursor has moved past later changes', async () => {
    const { url } = await fx.member('finn', 'editor', 'S');
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      const start = await pull(ann, fx.teamId, '', 50_000);
      const before = await shared();
      // The slow transaction holds an xid from here on: changes after it wait for it.
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, 'fact', 'late2', '{}')`, [fx.teamId]);
      const after = await shared();
      const mid = await pull(ann, fx.teamId, start.cursor, 50_000);
      expect(mid.rows.map((r) => r.id)).toEqual([before]);
      await slow.query('COMMIT');
      const rest = await pull(ann, fx.teamId, mid.cursor, 50_000);
      expect(rest.rows.map((r) => r.id)).toEqual(['late2', after]);
    } finally {
      await slow.end();
    }
  });
});
