import { DossierError, errorCode, invalid } from '../../core/errors';
import { SYNC_ENTITIES, type Mutation, type SyncConflict } from '../../core/sync-types';
import { membershipById } from './admin';
import type { TeamServer } from './connection';
import { decide, type StoredRow } from './merge';
import { ROW_COLUMNS, type RowRecord, rowKey, type RowWrite, stored, writeRows } from './row-writes';

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
 *
 * Round trips are what a push costs: the batch's earlier results and its rows are read in one
 * query each, and its writes go in one statement per kind (new rows, updates: row-writes.ts),
 * without savepoints. Only when PostgreSQL refuses a write does the batch start over, one
 * savepoint per mutation, so the refusal is that mutation's alone.
 */
export async function push(s: TeamServer, teamId: string, libraryId: string, mutations: Mutation[]): Promise<PushResult[]> {
  mutations.forEach(checkMutation);
  if (!libraryId.trim()) throw invalid('libraryId', 'a push names the library it comes from');
  if (mutations.length === 0) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await pushOnce(s, teamId, libraryId, mutations);
    } catch (e) {
      // Two batches locking the same rows in different orders: PostgreSQL aborts one; run it again.
      if (attempt >= 3 || !['40P01', '40001'].includes(errorCode(e))) throw e;
    }
  }
}

function pushOnce(s: TeamServer, teamId: string, libraryId: string, mutations: Mutation[]): Promise<PushResult[]> {
  return s.transaction(async () => {
    const me = await membershipById(s, teamId);
    if (me.role === 'reader') throw new DossierError('forbidden', 'a reader cannot change team rows: ask a team admin for the editor role');
    // Read by the row trigger: which library changed which field.
    await s.query("SELECT set_config('dossier.library_id', $1, true)", [libraryId]);
    await s.query('SAVEPOINT batch');
    try {
      return await applyAll(s, teamId, libraryId, mutations, false);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      await s.query('ROLLBACK TO SAVEPOINT batch');
      return applyAll(s, teamId, libraryId, mutations, true);
    }
  });
}

async function applyAll(s: TeamServer, teamId: string, libraryId: string, mutations: Mutation[], guarded: boolean): Promise<PushResult[]> {
  const done = await priorResults(s, mutations);
  const rows = await lockRows(s, teamId, mutations);
  const results: PushResult[] = [];
  const fresh: { m: Mutation; result: PushResult; rank: number }[] = [];
  // Writes wait here to go in one statement per kind; a row (or mutation id) seen again first
  // flushes them, as its decision needs the row as written.
  let queued: { index: number; w: RowWrite; row: StoredRow | null }[] = [];
  const queuedKeys = new Set<string>();
  const settle = (index: number, m: Mutation, out: Written, before: StoredRow | null) => {
    results[index] = out.result;
    if (out.row) rows.set(rowKey(m.entity, m.id), out.row);
    if (out.result.status === 'refused') return;
    done.set(m.mutationId, out.result);
    fresh.push({ m, result: out.result, rank: out.row?.marking_rank ?? before?.marking_rank ?? 0 });
  };
  const flush = async () => {
    const written = await writeRows(
      s,
      teamId,
      queued.map((q) => q.w),
    );
    for (const q of queued) settle(q.index, q.w.m, outcome(q.w, written.get(rowKey(q.w.m.entity, q.w.m.id)) ?? null), q.row);
    queued = [];
    queuedKeys.clear();
  };
  for (const [index, m] of mutations.entries()) {
    const key = rowKey(m.entity, m.id);
    if (queuedKeys.has(key) || queuedKeys.has(m.mutationId)) await flush();
    const prior = done.get(m.mutationId);
    if (prior) {
      results[index] = { ...prior, status: 'duplicate' };
      continue;
    }
    const row = rows.get(key) ?? null;
    if (!row && m.op === 'delete') settle(index, m, outcome({ m, decision: null }, null), row);
    else if (guarded) settle(index, m, await guardedWrite(s, teamId, libraryId, m, row), row);
    else {
      queued.push({ index, w: { m, decision: row ? decide(row, m, libraryId) : null }, row });
      queuedKeys.add(key).add(m.mutationId);
    }
  }
  if (queued.length) await flush();
  await record(s, teamId, fresh);
  return results;
}

function isRefusal(e: unknown): boolean {
  // Row-level security said no (42501), or the id exists above the user's clearance (23505).
  return (e instanceof DossierError && e.code === 'forbidden') || errorCode(e) === '23505';
}

/**
 * One write under its own savepoint. An INSERT that finds the id taken may have raced another
 * library sharing the same row (a link's id is made from its two facts): the row committed
 * meanwhile is read again and, if the user may see it, merged like any other.
 */
async function guardedWrite(s: TeamServer, teamId: string, libraryId: string, m: Mutation, row: StoredRow | null, again = false): Promise<Written> {
  await s.query('SAVEPOINT mutation');
  try {
    const w: RowWrite = { m, decision: row ? decide(row, m, libraryId) : null };
    const written = await writeRows(s, teamId, [w]);
    await s.query('RELEASE SAVEPOINT mutation');
    return outcome(w, written.get(rowKey(m.entity, m.id)) ?? null);
  } catch (e) {
    if (!isRefusal(e)) throw e;
    await s.query('ROLLBACK TO SAVEPOINT mutation');
    if (!row && !again && errorCode(e) === '23505') {
      const committed = (await lockRows(s, teamId, [m])).get(rowKey(m.entity, m.id));
      if (committed) return guardedWrite(s, teamId, libraryId, m, committed, true);
    }
    return { result: { mutationId: m.mutationId, status: 'refused', version: 0, conflicts: [], reason: REFUSED }, row: null };
  }
}

async function priorResults(s: TeamServer, mutations: Mutation[]): Promise<Map<string, PushResult>> {
  const r = await s.query<{ mutation_id: string; result: PushResult }>(
    'SELECT mutation_id, result FROM dossier.applied_mutations WHERE mutation_id = ANY($1::text[])',
    [mutations.map((m) => m.mutationId)],
  );
  return new Map(r.rows.map((x) => [x.mutation_id, x.result]));
}

/** The rows the batch touches that the user may see, locked until the transaction ends. */
async function lockRows(s: TeamServer, teamId: string, mutations: Mutation[]): Promise<Map<string, StoredRow>> {
  const r = await s.query<RowRecord>(
    `SELECT ${ROW_COLUMNS} FROM dossier.rows
      WHERE team_id = $1 AND (entity, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY entity, id FOR UPDATE`,
    [teamId, mutations.map((m) => m.entity), mutations.map((m) => m.id)],
  );
  return new Map(r.rows.map((x) => [rowKey(x.entity, x.id), stored(x)]));
}

interface Written {
  result: PushResult;
  /** The row as written (null when nothing was). */
  row: StoredRow | null;
}

/** A mutation's result, given the row as written (null when nothing was written). */
function outcome({ m, decision: d }: RowWrite, row: StoredRow | null): Written {
  const base = { mutationId: m.mutationId, conflicts: d?.conflicts ?? [] };
  if (!d) {
    if (m.op === 'delete') return { result: { ...base, status: 'refused', version: 0, reason: NO_ROW }, row: null };
    return { result: { ...base, status: 'applied', version: row?.version ?? 0 }, row };
  }
  const status = d.conflicts.length ? 'conflict' : 'applied';
  return { result: { ...base, status, version: row?.version ?? d.version }, row };
}

/** The mutation ids (idempotency) and their conflicts, kept on the server for this user. */
async function record(s: TeamServer, teamId: string, fresh: { m: Mutation; result: PushResult; rank: number }[]): Promise<void> {
  if (fresh.length === 0) return;
  await s.query(
    `INSERT INTO dossier.applied_mutations (mutation_id, team_id, result, marking_rank)
     SELECT id, $1, result, rank FROM unnest($2::text[], $3::jsonb[], $4::int[]) AS t(id, result, rank)
     ON CONFLICT (mutation_id) DO NOTHING`,
    [teamId, fresh.map((f) => f.m.mutationId), fresh.map((f) => JSON.stringify(f.result)), fresh.map((f) => f.rank)],
  );
  const conflicts = fresh.flatMap((f) => f.result.conflicts.map((c) => ({ ...c, mutationId: f.m.mutationId, rank: f.rank })));
  if (conflicts.length === 0) return;
  await s.query(
    `INSERT INTO dossier.conflicts (team_id, mutation_id, entity, entity_id, kind, field, mine, theirs, marking_rank, server_version, by_user)
     SELECT $1, c."mutationId", c.entity, c."entityId", c.kind, c.field, c.mine, c.theirs, c.rank, c."serverVersion", c."byUser"
       FROM jsonb_to_recordset($2::jsonb) AS c("mutationId" text, entity text, "entityId" text, kind text, field text,
            mine jsonb, theirs jsonb, rank int, "serverVersion" bigint, "byUser" name)`,
    [teamId, JSON.stringify(conflicts)],
  );
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
