import { stmt } from '../statements';
import { nowIso } from '../../core/dates';
import { DossierError, notFound, printable } from '../../core/errors';
import { isIdPrefix, newId } from '../../core/ids';
import type { Source, SourceInput, SourcePatch } from '../../core/model';
import { sourceInputSchema, sourcePatchSchema, validate } from '../../core/validate';
import type { Db } from '../open';
import { type SourceRow, sourceFromRow } from './rows';
import { FACT_USES_SQL, repointFact } from './briefing-cites';
import { withTriggerDroppable } from './without-trigger';

const COLUMNS: Record<keyof Omit<SourceInput, 'authors' | 'editors' | 'extra'>, string> = {
  type: 'type',
  title: 'title',
  containerTitle: 'container_title',
  publisher: 'publisher',
  publisherPlace: 'publisher_place',
  issued: 'issued',
  accessed: 'accessed',
  url: 'url',
  doi: 'doi',
  pages: 'pages',
  volume: 'volume',
  issue: 'issue',
  number: 'number',
  language: 'language',
  notes: 'notes',
  reliability: 'reliability',
};

/** Inserts an already validated source; shared by `addSource` and the importers. */
export function insertSource(db: Db, input: SourceInput, now = nowIso(), id = newId()): Source {
  stmt(db, INSERT_SOURCE).run(sourceRow(input, id, now));
  return getSource(db, id);
}

const ROW_COLUMNS = ['id', 'created_at', 'updated_at', ...Object.values(COLUMNS), 'authors', 'editors', 'extra'];
const INSERT_SOURCE = `INSERT INTO sources (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`;

function sourceRow(input: SourceInput, id: string, now: string): unknown[] {
  const row: unknown[] = [id, now, now];
  for (const key of Object.keys(COLUMNS)) row.push((input as Record<string, unknown>)[key] ?? null);
  row.push(JSON.stringify(input.authors ?? []), JSON.stringify(input.editors ?? []), JSON.stringify(input.extra ?? {}));
  return row;
}

/**
 * Inserts many validated sources inside the caller's transaction and returns their ids, in
 * order, with their search text computed once for all of them (`withSearchTextDeferred`).
 */
export function insertSources(db: Db, inputs: readonly SourceInput[], now = nowIso()): string[] {
  if (!db.inTransaction) return db.transaction(() => insertSources(db, inputs, now))();
  const ids = inputs.map(() => newId());
  const insertAll = () => inputs.forEach((input, i) => stmt(db, INSERT_SOURCE).run(sourceRow(input, ids[i], now)));
  if (inputs.length < 16) insertAll();
  else
    withSearchTextDeferred(db, (beforeInsert) => {
      beforeInsert();
      insertAll();
    });
  return ids;
}

/**
 * Runs `work` — which adds sources (calling `beforeInsert` before each), and may change them —
 * with what search sees of each new source (`search_text`) computed by one UPDATE at the end:
 * the expression of the `sources_search_ai` trigger (db/migrations/0001-initial.ts), which is
 * dropped at the first insert and put back inside the caller's transaction
 * (db/repo/without-trigger.ts). Through the trigger, every insert was also an update of the
 * row just written, with a statement journal: about 70 % of a source's insert time. A `work`
 * that inserts nothing changes nothing, not even the schema. Nothing may read a new source's
 * `search_text` inside `work` (only fact inserts and search do).
 */
export function withSearchTextDeferred<T>(db: Db, work: (beforeInsert: () => void) => T): T {
  // New rows take the seqs after the largest (no AUTOINCREMENT): they are the ones above it.
  const before = stmt(db, 'SELECT coalesce(max(seq), 0) FROM sources').pluck().get() as number;
  let inserted = false;
  return withTriggerDroppable(db, 'sources_search_ai', (drop) => {
    const result = work(() => {
      inserted = true;
      drop();
    });
    if (inserted) stmt(db, SET_SEARCH_TEXT).run(before);
    return result;
  });
}

const SET_SEARCH_TEXT = `UPDATE sources SET search_text = trim(title || ' ' || coalesce(container_title, '') || ' ' || coalesce(publisher, '') || ' ' ||
    coalesce((SELECT group_concat(concat_ws(' ', json_extract(n.value, '$.literal'), json_extract(n.value, '$.given'), json_extract(n.value, '$.family')), ' ')
              FROM json_each(authors) AS n), ''))
  WHERE seq > ?`;

export function addSource(db: Db, input: unknown): Source {
  const data = validate(sourceInputSchema, input, 'source') as SourceInput;
  return db.transaction(() => insertSource(db, data))();
}

export function getSource(db: Db, id: string): Source {
  const row = findSourceRow(db, id);
  if (!row) throw notFound('Source', id);
  return sourceFromRow(row);
}

/**
 * Several sources by full id (the sources a briefing cites), in the order asked, each once.
 * One statement whatever the count: the ids travel as one JSON array bound to one parameter
 * (as `getFacts` does), so SQLite's limit on bound variables never applies and nothing is
 * chunked. An id with no source is refused by name, as `getSource` would refuse it.
 */
export function getSources(db: Db, ids: readonly string[]): Map<string, Source> {
  const wanted = [...new Set(ids)];
  const rows = stmt(db, 'SELECT * FROM sources WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(wanted)) as SourceRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, Source>();
  for (const id of wanted) {
    const row = byId.get(id);
    if (!row) throw notFound('Source', id);
    out.set(id, sourceFromRow(row));
  }
  return out;
}

/** Accepts a full id or a unique prefix of one (at least 6 characters), as people type them. */
export function resolveSourceId(db: Db, idOrPrefix: string): string {
  // The common case, a full id, touches only the id index (bulk imports resolve per fact).
  const exact = stmt(db, 'SELECT id FROM sources WHERE id = ?').pluck().get(idOrPrefix) as string | undefined;
  if (exact) return exact;
  const row = findSourceRow(db, idOrPrefix);
  if (!row) throw notFound('Source', idOrPrefix);
  return row.id;
}

function findSourceRow(db: Db, idOrPrefix: string): SourceRow | undefined {
  const exact = stmt(db, 'SELECT * FROM sources WHERE id = ?').get(idOrPrefix) as SourceRow | undefined;
  if (exact || !isIdPrefix(idOrPrefix)) return exact;
  const rows = stmt(db, "SELECT * FROM sources WHERE id LIKE ? || '%' LIMIT 2").all(idOrPrefix) as SourceRow[];
  if (rows.length > 1) throw new DossierError('validation', `source id "${printable(idOrPrefix)}" is ambiguous; type more of it`, 'source');
  return rows[0];
}

export interface SourceListOptions {
  type?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

export interface SourceWithCount extends Source {
  factCount: number;
}

export function listSources(db: Db, opts: SourceListOptions = {}): SourceWithCount[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: opts.limit ?? -1, offset: opts.offset ?? 0 };
  if (opts.type) {
    where.push('s.type = @type');
    params.type = opts.type;
  }
  if (opts.search) {
    where.push("(s.title LIKE @like ESCAPE '\\' OR s.container_title LIKE @like ESCAPE '\\' OR s.authors LIKE @like ESCAPE '\\')");
    params.like = `%${opts.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  }
  const rows = stmt(
    db,
    `SELECT s.*, (SELECT count(*) FROM facts f WHERE f.source_id = s.id) AS fact_count FROM sources s
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY coalesce(s.issued, '') DESC, s.title COLLATE NOCASE LIMIT @limit OFFSET @offset`,
  ).all(params) as (SourceRow & { fact_count: number })[];
  return rows.map((r) => ({ ...sourceFromRow(r), factCount: r.fact_count }));
}

export function updateSource(db: Db, id: string, patch: unknown): Source {
  // An empty string typed for an optional field means "clear it".
  const cleared = Object.fromEntries(
    Object.entries(patch as Record<string, unknown>).map(([k, v]) => [k, v === '' && k !== 'title' && k !== 'type' ? null : v]),
  );
  const data = validate(sourcePatchSchema, cleared, 'source') as SourcePatch;
  return db.transaction(() => {
    const current = getSource(db, id);
    const sets: string[] = [];
    const params: Record<string, unknown> = { id: current.id, updated_at: nowIso() };
    for (const [key, value] of Object.entries(data)) {
      if (key === 'authors' || key === 'editors' || key === 'extra') {
        sets.push(`${key} = @${key}`);
        params[key] = JSON.stringify(value ?? (key === 'extra' ? {} : []));
      } else {
        const col = COLUMNS[key as keyof typeof COLUMNS];
        sets.push(`${col} = @${col}`);
        // An empty string clears an optional field; title and type can't be emptied (schema).
        params[col] = value ?? null;
      }
    }
    if (sets.length) stmt(db, `UPDATE sources SET ${sets.join(', ')}, updated_at = @updated_at WHERE id = @id`).run(params);
    return getSource(db, current.id);
  })();
}

export interface RemoveSourceOptions {
  /** Also delete the source's facts (refused while a briefing cites one of them). */
  cascade?: boolean;
}

export function removeSource(db: Db, id: string, opts: RemoveSourceOptions = {}): { removedFacts: number } {
  return db.transaction(() => {
    const source = getSource(db, id);
    const { n } = stmt(db, 'SELECT count(*) AS n FROM facts WHERE source_id = ?').get(source.id) as { n: number };
    const { v } = stmt(db, 'SELECT count(*) AS v FROM facts WHERE via_source_id = ?').get(source.id) as { v: number };
    if (v > 0) {
      throw new DossierError('conflict', `Source "${source.title}" is the "via" source of ${v} fact(s); change those facts first. Nothing was deleted.`);
    }
    if (n > 0 && !opts.cascade) {
      throw new DossierError(
        'conflict',
        `Source "${source.title}" still has ${n} fact(s); delete them first or ask to cascade (--cascade). Nothing was deleted.`,
      );
    }
    if (n > 0) {
      const cited = stmt(
        db,
        `SELECT DISTINCT b.title FROM (${FACT_USES_SQL}) u
           JOIN briefings b ON b.id = u.briefing_id JOIN facts f ON f.id = u.fact_id WHERE f.source_id = ?`,
      ).all(source.id) as { title: string }[];
      if (cited.length) {
        throw new DossierError(
          'conflict',
          `Facts of source "${source.title}" are cited in briefing(s): ${cited.map((c) => `"${c.title}"`).join(', ')}. Remove them from the briefings first. Nothing was deleted.`,
        );
      }
      stmt(db, 'DELETE FROM facts WHERE source_id = ?').run(source.id);
    }
    stmt(db, 'DELETE FROM sources WHERE id = ?').run(source.id);
    return { removedFacts: n };
  })();
}

/**
 * Folds a duplicate source into the one to keep: its facts (and facts relayed via it) move
 * over, empty fields of the kept source are filled from the duplicate, and the duplicate is
 * deleted — one transaction. Facts that would then say the same words twice are merged too,
 * briefings citing them switched to the kept fact.
 */
export function mergeSources(db: Db, keepId: string, duplicateId: string): { source: Source; movedFacts: number; mergedFacts: number } {
  return db.transaction(() => {
    const keep = getSource(db, keepId);
    const dup = getSource(db, duplicateId);
    if (keep.id === dup.id) throw new DossierError('validation', 'a source cannot be merged into itself', 'source');
    let mergedFacts = 0;
    // Same words in both: keep the fact of the kept source, repoint briefings, drop the other.
    const twins = stmt(
      db,
      `SELECT d.id AS dupId, k.id AS keepId FROM facts d JOIN facts k ON k.source_id = ? AND k.text_hash = d.text_hash WHERE d.source_id = ?`,
    ).all(keep.id, dup.id) as {
      dupId: string;
      keepId: string;
    }[];
    for (const t of twins) {
      repointFact(db, t.dupId, t.keepId);
      stmt(db, 'DELETE FROM facts WHERE id = ?').run(t.dupId);
      mergedFacts++;
    }
    const moved = stmt(db, 'UPDATE facts SET source_id = ?, updated_at = ? WHERE source_id = ?').run(keep.id, nowIso(), dup.id).changes;
    stmt(db, 'UPDATE facts SET via_source_id = ? WHERE via_source_id = ?').run(keep.id, dup.id);
    const fill: Record<string, unknown> = {};
    for (const [key, col] of Object.entries(COLUMNS)) {
      const k = key as keyof typeof COLUMNS;
      if (keep[k] === undefined && dup[k] !== undefined) fill[col] = dup[k];
    }
    if (keep.authors.length === 0 && dup.authors.length) fill.authors = JSON.stringify(dup.authors);
    // The duplicate's captured files stay: they become the kept source's.
    stmt(
      db,
      'INSERT OR IGNORE INTO source_originals (source_id, sha256, file_name, captured_at) SELECT ?, sha256, file_name, captured_at FROM source_originals WHERE source_id = ?',
    ).run(keep.id, dup.id);
    stmt(db, 'DELETE FROM sources WHERE id = ?').run(dup.id);
    if (Object.keys(fill).length) {
      const sets = Object.keys(fill).map((c) => `${c} = @${c}`);
      db.prepare(`UPDATE sources SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run({ ...fill, now: nowIso(), id: keep.id });
    }
    return { source: getSource(db, keep.id), movedFacts: moved, mergedFacts };
  })();
}
