import { DossierError, errorCode, invalid } from '../../core/errors';
import { SYNC_ENTITIES, type JsonValue, type Mutation, type SyncConflict } from '../../core/sync-types';
import { membershipById } from './admin';
import type { TeamServer } from './connection';
import { decide, type Decision, type StoredRow } from './merge';

export interface PushResult {
  mutationId: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'refused';
  /** The row's server version after this mutation (0 when refused). */
  version: number;
  conflicts: SyncConflict[];
  reason?: string;
}

/**
 * One text for every refusal of a row the user cannot see or write: a hidden row above their
 * clearance must look exactly like any other refusal. (An INSERT of an id that exists above
 * the user's clearance fails; the user learns only that an id they already hold is taken.)
 */
const REFUSED = 'the server refused this change: the row is above your clearance in this team, or your role may not write it';
const NO_ROW = 'the server has no row by this id that you may see';

/**
 * Applies a batch of mutations in one server transaction, each once by mutation id, as the
 * connected user: PostgreSQL's row-level security decides what they may read and write, this
 * code only merges fields. A failing batch changes nothing (the client sends it again).
 */
export async function push(s: TeamServer, teamId: string, libraryId: string, mutations: Mutation[]): Promise<PushResult[]> {
  mutations.forEach(checkMutation);
  if (!libraryId.trim()) throw invalid('libraryId', 'a push names the library it comes from');
  if (mutations.length === 0) return [];
  return s.transaction(async () => {
    const me = await membershipById(s, teamId);
    if (me.role === 'reader') throw new DossierError('forbidden', 'a reader cannot change team rows: ask a team admin for the editor role');
    // Read by the row trigger: which library changed which field.
    await s.query("SELECT set_config('dossier.library_id', $1, true)", [libraryId]);
    const results: PushResult[] = [];
    for (const m of mutations) results.push(await applyOnce(s, teamId, libraryId, m));
    return results;
  });
}

async function applyOnce(s: TeamServer, teamId: string, libraryId: string, m: Mutation): Promise<PushResult> {
  const prior = await s.query<{ result: PushResult }>('SELECT result FROM dossier.applied_mutations WHERE mutation_id = $1', [m.mutationId]);
  if (prior.rows[0]) return { ...prior.rows[0].result, status: 'duplicate' };
  await s.query('SAVEPOINT mutation');
  try {
    const row = await readRow(s, teamId, m);
    const result = await write(s, teamId, m, row ? decide(row, m, libraryId) : null);
    if (result.status !== 'refused') await record(s, teamId, m, result, row?.marking_rank ?? 0);
    await s.query('RELEASE SAVEPOINT mutation');
    return result;
  } catch (e) {
    // Row-level security said no (42501), or the id exists above the user's clearance (23505).
    const refused = (e instanceof DossierError && e.code === 'forbidden') || errorCode(e) === '23505';
    if (!refused) throw e;
    await s.query('ROLLBACK TO SAVEPOINT mutation');
    return { mutationId: m.mutationId, status: 'refused', version: 0, conflicts: [], reason: REFUSED };
  }
}

async function readRow(s: TeamServer, teamId: string, m: Mutation): Promise<StoredRow | null> {
  const r = await s.query<StoredRow & { version: string }>(
    `SELECT data, version::text AS version, field_versions, deleted, updated_by, marking_rank
       FROM dossier.rows WHERE team_id = $1 AND entity = $2 AND id = $3 FOR UPDATE`,
    [teamId, m.entity, m.id],
  );
  const row = r.rows[0];
  return row ? { ...row, version: Number(row.version) } : null;
}

/** Carries out a decision (null: the user sees no such row). */
async function write(s: TeamServer, teamId: string, m: Mutation, d: Decision | null): Promise<PushResult> {
  const base = { mutationId: m.mutationId, conflicts: d?.conflicts ?? [] };
  if (!d) {
    if (m.op === 'delete') return { ...base, status: 'refused', version: 0, reason: NO_ROW };
    const r = await s.query<{ version: string }>(
      `INSERT INTO dossier.rows (team_id, entity, id, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING version::text`,
      [teamId, m.entity, m.id, JSON.stringify(m.fields)],
    );
    return { ...base, status: 'applied', version: Number(r.rows[0].version) };
  }
  let version = d.version;
  if (d.patch || d.markDeleted) {
    const r = await s.query<{ version: string }>(
      `UPDATE dossier.rows SET data = data || $4::jsonb, deleted = deleted OR $5
        WHERE team_id = $1 AND entity = $2 AND id = $3 RETURNING version::text`,
      [teamId, m.entity, m.id, JSON.stringify(d.patch ?? {}), d.markDeleted],
    );
    version = Number(r.rows[0].version);
  }
  return { ...base, status: d.conflicts.length ? 'conflict' : 'applied', version };
}

/** The mutation id (idempotency) and its conflicts, kept on the server for this user. */
async function record(s: TeamServer, teamId: string, m: Mutation, result: PushResult, markingRank: number): Promise<void> {
  await s.query('INSERT INTO dossier.applied_mutations (mutation_id, team_id, result) VALUES ($1, $2, $3::jsonb)', [
    m.mutationId,
    teamId,
    JSON.stringify(result),
  ]);
  for (const c of result.conflicts) {
    await s.query(
      `INSERT INTO dossier.conflicts (team_id, mutation_id, entity, entity_id, kind, field, mine, theirs, marking_rank, server_version, by_user)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)`,
      [teamId, m.mutationId, c.entity, c.entityId, c.kind, c.field, json(c.mine), json(c.theirs), markingRank, c.serverVersion, c.byUser],
    );
  }
}

function json(v: JsonValue): string {
  return JSON.stringify(v);
}

function checkMutation(m: Mutation, i: number): void {
  const at = `mutations[${i}]`;
  if (typeof m.mutationId !== 'string' || !m.mutationId) throw invalid(`${at}.mutationId`, 'missing');
  if (!SYNC_ENTITIES.includes(m.entity)) throw invalid(`${at}.entity`, `must be one of ${SYNC_ENTITIES.join(', ')}`);
  if (typeof m.id !== 'string' || !m.id) throw invalid(`${at}.id`, 'missing');
  if (m.op !== 'upsert' && m.op !== 'delete') throw invalid(`${at}.op`, 'must be upsert or delete');
  if (typeof m.fields !== 'object' || m.fields === null || Array.isArray(m.fields)) throw invalid(`${at}.fields`, 'must be an object');
  if (!Number.isSafeInteger(m.baseVersion) || m.baseVersion < 0) throw invalid(`${at}.baseVersion`, 'must be a whole number ≥ 0');
}
