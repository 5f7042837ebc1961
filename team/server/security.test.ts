import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type PgCluster } from '../testing/pg-cluster';
import { mutation, teamFixture, type TeamFixture } from '../testing/team-fixture';
import { addUser, openServer, pull, push, revokeUser, whoAmI, type TeamServer } from '.';
import { type ServerOriginal, uploadOriginal } from './originals';

/**
 * Who sees what is PostgreSQL's decision: these tests connect with each user's own role and
 * run plain SQL, as a modified client could.
 */
let cluster: PgCluster;
let fx: TeamFixture;
let secretEditor: TeamServer;
let cuiEditor: TeamServer;
let reader: TeamServer;
const SECRET_ID = 'f-s1';
const SECRET_SOURCE = 's-s1';
const SECRET_FACT = 'f-s-src';

function serverFile(text: string): ServerOriginal {
  const bytes = Buffer.from(`<p>${text}</p>`);
  const passagesJson = JSON.stringify([[null, null, text]]);
  const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
  return { sha256: sha(bytes), mediaType: 'text/html', bytes, passagesJson, textSha256: sha(passagesJson) };
}
const SECRET_FILE = serverFile('Hidden file');

function originalLink(sourceId: string, sha256: string): Record<string, string> {
  return { source_id: sourceId, sha256, file_name: 'file.html', captured_at: '2024-01-19T10:00:00.000Z' };
}

beforeAll(async () => {
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  secretEditor = (await fx.member('sam', 'editor', 'S')).s;
  cuiEditor = (await fx.member('cora', 'editor', 'CUI')).s;
  reader = (await fx.member('rita', 'reader', 'TS')).s;
  // A SECRET fact with two versions (history) and a conflict recorded for its editor.
  const [a] = await push(secretEditor, fx.teamId, 'lib-s1', [mutation('fact', SECRET_ID, { text: 'Hidden text', marking: 'S//NF' }, 0)]);
  expect(a.status).toBe('applied');
  await push(secretEditor, fx.teamId, 'lib-s1', [mutation('fact', SECRET_ID, { text: 'Hidden text, v2' }, 1)]);
  const [c] = await push(secretEditor, fx.teamId, 'lib-s2', [mutation('fact', SECRET_ID, { text: 'Other hidden' }, 1)]);
  expect(c.status).toBe('conflict');
  await push(cuiEditor, fx.teamId, 'lib-c', [mutation('fact', 'f-cui', { text: 'CUI text', marking: 'CUI' }, 0)]);
});
afterAll(async () => {
  await fx?.close();
  cluster?.stop();
});

const TABLES_WITH_CONTENT = ['rows', 'history', 'conflicts'];

/** Every table of the team schema this login may SELECT from. */
async function readableTables(s: TeamServer): Promise<string[]> {
  const r = await s.query<{ t: string }>(
    `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'dossier' AND c.relkind = 'r' AND has_table_privilege(c.oid, 'SELECT')`,
  );
  return r.rows.map((x) => x.t);
}

describe('clearance, enforced by PostgreSQL', () => {
  it('a SECRET-cleared user sees the SECRET row, its history and its conflict', async () => {
    for (const t of TABLES_WITH_CONTENT) {
      const col = t === 'conflicts' ? 'entity_id' : 'id';
      const r = await secretEditor.query(`SELECT * FROM dossier.${t} WHERE ${col} = $1`, [SECRET_ID]);
      expect(r.rowCount, t).toBeGreaterThan(0);
    }
  });

  it('a CUI-cleared user running plain SELECTs on every table sees none of the SECRET rows, history or conflicts', async () => {
    const readable = await readableTables(cuiEditor);
    expect(readable).toEqual(expect.arrayContaining([...TABLES_WITH_CONTENT, 'applied_mutations', 'change_log', 'members', 'teams']));
    for (const t of readable) {
      const all = await cuiEditor.query<Record<string, unknown>>(`SELECT * FROM dossier.${t}`);
      expect(JSON.stringify(all.rows), t).not.toContain('idden');
    }
    const rows = await cuiEditor.query<{ id: string }>('SELECT id FROM dossier.rows');
    expect(rows.rows.map((r) => r.id)).toEqual(['f-cui']);
    // Even asking by key, or by a wide-open predicate, gives nothing.
    expect((await cuiEditor.query('SELECT * FROM dossier.rows WHERE id = $1 OR true', [SECRET_ID])).rows.map((r) => r.id)).toEqual(['f-cui']);
    // A pull says the SECRET row's id is not for them (ids only, never content).
    const p = await pull(cuiEditor, fx.teamId, '', 100);
    expect(p.rows.map((r) => r.id)).toEqual(['f-cui']);
    expect(JSON.stringify(p)).not.toContain('idden');
  });

  it('a lowered clearance hides what the user could see before, their own conflicts included', async () => {
    const { s, name } = await fx.member('lena', 'editor', 'S');
    await push(s, fx.teamId, 'lib-l', [mutation('fact', SECRET_ID, { text: 'Hidden by lena' }, 1)]);
    expect(JSON.stringify((await s.query('SELECT * FROM dossier.conflicts')).rows)).toContain('idden');
    await addUser(fx.admin, { name, team: fx.teamName, role: 'editor', clearance: 'CUI', password: 'long-enough-1' });
    for (const t of await readableTables(s)) {
      expect(JSON.stringify((await s.query(`SELECT * FROM dossier.${t}`)).rows), t).not.toContain('idden');
    }
  });

  it('a CUI-cleared user never receives the stored original of a source with SECRET material, even knowing its hash', async () => {
    // Sources carry no marking: a file is as secret as the facts taken from it (the file's text says "Hidden" too).
    await uploadOriginal(secretEditor, fx.teamId, SECRET_FILE);
    const shared = await push(secretEditor, fx.teamId, 'lib-s1', [
      mutation('source', SECRET_SOURCE, { title: 'Port source' }, 0),
      mutation('fact', SECRET_FACT, { text: 'Hidden fact', marking: 'S', source_id: SECRET_SOURCE }, 0),
      mutation('original', `${SECRET_SOURCE}~${SECRET_FILE.sha256}`, originalLink(SECRET_SOURCE, SECRET_FILE.sha256), 0),
    ]);
    expect(shared.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const sha = SECRET_FILE.sha256;
    expect((await secretEditor.query('SELECT passages FROM dossier.originals WHERE sha256 = $1', [sha])).rows).toEqual([
      { passages: '[[null,null,"Hidden file"]]' },
    ]);
    expect((await cuiEditor.query('SELECT * FROM dossier.originals WHERE sha256 = $1 OR true', [sha])).rowCount).toBe(0);
    expect((await cuiEditor.query("SELECT 1 FROM dossier.rows WHERE entity = 'original' OR id LIKE $1", [`%${sha}%`])).rowCount).toBe(0);
    expect(JSON.stringify(await pull(cuiEditor, fx.teamId, '', 100))).not.toContain(sha);
    // Linking the file to a source they may see would make it theirs to read: refused, as they never sent its bytes.
    await push(cuiEditor, fx.teamId, 'lib-c', [mutation('source', 's-cui', { title: 'Open source', marking: 'CUI' }, 0)]);
    await expect(push(cuiEditor, fx.teamId, 'lib-c', [mutation('original', `s-cui~${sha}`, originalLink('s-cui', sha), 0)])).rejects.toThrow(
      /not on the server, or not sent by you/,
    );
    // Sending other bytes under its hash is refused before anything is kept, so it does not make them a holder.
    await expect(uploadOriginal(cuiEditor, fx.teamId, { ...serverFile('Forged'), sha256: sha })).rejects.toMatchObject({ code: 'validation' });
    await expect(push(cuiEditor, fx.teamId, 'lib-c', [mutation('original', `s-cui~${sha}`, originalLink('s-cui', sha), 0)])).rejects.toThrow(/upload it first/);
    // Attaching a file of their own to that source would rank it SECRET, above them: refused like any hidden row.
    const own = serverFile('Open file');
    await uploadOriginal(cuiEditor, fx.teamId, own);
    const [r] = await push(cuiEditor, fx.teamId, 'lib-c', [mutation('original', `${SECRET_SOURCE}~${own.sha256}`, originalLink(SECRET_SOURCE, own.sha256), 0)]);
    expect(r.status).toBe('refused');
    // No INSERT, UPDATE or DELETE of files in plain SQL; the owner cannot change one either.
    await expect(
      cuiEditor.query(
        `INSERT INTO dossier.originals (team_id, sha256, media_type, byte_size, bytes, passages, text_sha256, uploaded_by) VALUES ($1, $2, 'x', 1, '\\x00', '[]', $2, 'cora')`,
        [fx.teamId, own.sha256],
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(fx.admin.query("UPDATE dossier.originals SET media_type = 'text/plain' WHERE sha256 = $1", [sha])).rejects.toThrow(/never changes/);
  });

  it('an original follows the facts taken from it: lowered, the CUI user may read it; raised, no more', async () => {
    const sha = SECRET_FILE.sha256;
    const [down] = await push(secretEditor, fx.teamId, 'lib-s1', [mutation('fact', SECRET_FACT, { marking: 'CUI' }, 1)]);
    expect(down.status).toBe('applied');
    expect((await cuiEditor.query('SELECT sha256 FROM dossier.originals WHERE sha256 = $1', [sha])).rows).toEqual([{ sha256: sha }]);
    const [up] = await push(secretEditor, fx.teamId, 'lib-s1', [mutation('fact', SECRET_FACT, { marking: 'S' }, down.version)]);
    expect(up.status).toBe('applied');
    expect((await cuiEditor.query('SELECT 1 FROM dossier.originals WHERE sha256 = $1', [sha])).rowCount).toBe(0);
    const link = await fx.admin.query<{ marking_rank: number; version: string }>(
      "SELECT marking_rank, version::text AS version FROM dossier.rows WHERE entity = 'original' AND data->>'source_id' = $1",
      [SECRET_SOURCE],
    );
    expect(link.rows).toEqual([{ marking_rank: 3, version: '3' }]);
    // The library that shares a file says how secret it is (from every fact it holds of it): the server never ranks it lower.
    const open = serverFile('Open memo');
    await uploadOriginal(secretEditor, fx.teamId, open);
    await push(secretEditor, fx.teamId, 'lib-s1', [
      mutation('source', 's-open', { title: 'Open memo' }, 0),
      mutation('original', `s-open~${open.sha256}`, { ...originalLink('s-open', open.sha256), marking: 'SECRET' }, 0),
    ]);
    expect((await cuiEditor.query("SELECT id FROM dossier.rows WHERE id LIKE 's-open%'")).rows).toEqual([{ id: 's-open' }]);
  });

  it('a CUI-cleared user cannot INSERT or UPDATE a SECRET row, in SQL or by push', async () => {
    await expect(
      cuiEditor.query(`INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, 'fact', 'f-new', '{"marking":"SECRET"}')`, [fx.teamId]),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const upd = await cuiEditor.query(`UPDATE dossier.rows SET data = '{"text":"overwritten"}' WHERE id = $1`, [SECRET_ID]);
    expect(upd.rowCount).toBe(0);
    // Raising a row they can see above their clearance is refused too.
    await expect(cuiEditor.query(`UPDATE dossier.rows SET data = data || '{"marking":"S"}' WHERE id = 'f-cui'`)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const results = await push(cuiEditor, fx.teamId, 'lib-c', [
      mutation('fact', SECRET_ID, { text: 'overwritten' }, 2),
      mutation('fact', 'f-new', { text: 'new', marking: 'TS' }, 0),
    ]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'refused']);
    // The same words for a hidden row that exists and for a new row above clearance: no leak.
    expect(results[0].reason).toBe(results[1].reason);
    // A refusal is that mutation's alone: the rest of its batch applies.
    const mixed = await push(cuiEditor, fx.teamId, 'lib-c', [
      mutation('fact', 'f-ok1', { text: 'fine' }, 0),
      mutation('fact', SECRET_ID, { text: 'overwritten' }, 2),
      mutation('fact', 'f-ok2', { text: 'fine too', marking: 'cui' }, 0),
    ]);
    expect(mixed.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    expect((await cuiEditor.query("SELECT 1 FROM dossier.rows WHERE id IN ('f-ok1', 'f-ok2')")).rowCount).toBe(2);
    const seen = await secretEditor.query<{ text: string }>("SELECT data->>'text' AS text FROM dossier.rows WHERE id = $1", [SECRET_ID]);
    expect(seen.rows[0].text).toBe('Hidden text, v2');
  });

  it('cannot forge history, the change log, versions or another user', async () => {
    await expect(
      cuiEditor.query(
        `INSERT INTO dossier.history (team_id, entity, id, version, data, deleted, marking_rank, changed_by, changed_at) VALUES ($1, 'fact', 'x', 1, '{}', false, 0, 'sam', now())`,
        [fx.teamId],
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(cuiEditor.query(`INSERT INTO dossier.change_log (team_id, entity, id) VALUES ($1, 'fact', 'x')`, [fx.teamId])).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(cuiEditor.query(`UPDATE dossier.rows SET version = 99, updated_by = 'sam' WHERE id = 'f-cui'`)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(cuiEditor.query(`DELETE FROM dossier.rows WHERE id = 'f-cui'`)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('ranks a marking on the server, whatever the client sends', async () => {
    await expect(
      cuiEditor.query(`INSERT INTO dossier.rows (team_id, entity, id, data, marking_rank) VALUES ($1, 'fact', 'f-lie', '{"marking":"TOP SECRET"}', 0)`, [
        fx.teamId,
      ]),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const cases: [string | null, number][] = [
      ['S//NF', 3],
      ['secret', 3],
      [' ts ', 4],
      ['', 0],
      [null, 0],
      ['COSMIC', 1000],
    ];
    for (const [marking, rank] of cases) {
      const id = `f-rank-${marking ?? 'null'}`;
      await push(secretEditor, fx.teamId, 'lib-s1', [mutation('fact', id, { text: 'x', marking, marking_rank: 0 }, 0)]);
      const r = await fx.admin.query<{ marking_rank: number }>('SELECT marking_rank FROM dossier.rows WHERE id = $1', [id]);
      // Above their clearance (TS, unknown) is refused: no row at all.
      expect(r.rows[0]?.marking_rank ?? 'refused', String(marking)).toBe(rank <= 3 ? rank : 'refused');
    }
  });
});

describe('roles and membership', () => {
  it('a reader cannot push, and PostgreSQL refuses its writes', async () => {
    await expect(push(reader, fx.teamId, 'lib-r', [mutation('fact', 'f-r', { text: 'x' }, 0)])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(reader.query(`INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, 'fact', 'f-r', '{}')`, [fx.teamId])).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(reader.query(`UPDATE dossier.rows SET data = '{}' WHERE id = 'f-cui'`)).rejects.toMatchObject({ code: 'forbidden' });
    // ...while it reads every row of its clearance (TS).
    expect((await reader.query('SELECT 1 FROM dossier.rows')).rowCount).toBeGreaterThan(1);
  });

  it('a revoked member sees nothing and is forbidden', async () => {
    const { s, name } = await fx.member('rex', 'editor', 'TS');
    expect((await whoAmI(s, fx.teamName)).role).toBe('editor');
    await revokeUser(fx.admin, { name, team: fx.teamName });
    for (const t of ['rows', 'history', 'conflicts', 'change_log', 'teams', 'originals']) {
      expect((await s.query(`SELECT 1 FROM dossier.${t}`)).rowCount, t).toBe(0);
    }
    await expect(whoAmI(s, fx.teamName)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pull(s, fx.teamId, '', 10)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(push(s, fx.teamId, 'lib-x', [mutation('fact', 'f-x', {}, 0)])).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('only the owner or a team admin manages members; clearance and names are checked', async () => {
    const { s: teamAdmin } = await fx.member('ada', 'admin', 'S');
    await addUser(teamAdmin, { name: `newbie_${Date.now()}`, team: fx.teamName, role: 'reader', clearance: 'cui', password: 'long-enough-1' });
    // Not above their own clearance: they could log in as the account they made.
    await expect(
      addUser(teamAdmin, { name: `sock_${Date.now()}`, team: fx.teamName, role: 'reader', clearance: 'TS', password: 'long-enough-1' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addUser(cuiEditor, { name: 'sneaky', team: fx.teamName, role: 'admin', clearance: 'TS', password: 'long-enough-1' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      addUser(fx.admin, { name: 'bob_uk', team: fx.teamName, role: 'reader', clearance: 'OFFICIAL', password: 'long-enough-1' }),
    ).rejects.toMatchObject({ code: 'validation', field: 'clearance' });
    await expect(addUser(fx.admin, { name: 'Bad Name', team: fx.teamName, role: 'reader', clearance: 'U', password: 'long-enough-1' })).rejects.toMatchObject({
      code: 'validation',
      field: 'name',
    });
    // A team admin cannot take over a server role that is not a Dossier user.
    await expect(addUser(teamAdmin, { name: 'dossier', team: fx.teamName, role: 'admin', clearance: 'TS', password: 'long-enough-1' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('a new user logs in with the password given (the verifier is made client-side)', async () => {
    const name = `pat_${Date.now()}`;
    await addUser(fx.admin, { name, team: fx.teamName, role: 'reader', clearance: 'U', password: 'pässwörd with spaces' });
    const dbName = new URL(fx.dbUrl).pathname.slice(1);
    const s = await openServer({ url: cluster.urlFor(dbName, name, 'x'), password: 'pässwörd with spaces' });
    expect((await whoAmI(s, fx.teamName)).clearance).toBe('U');
    await s.close();
  });
});
