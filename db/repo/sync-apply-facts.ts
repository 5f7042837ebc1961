import { DossierError, invalid, printable } from '../../core/errors';
import type { RemoteRow } from '../../core/sync-types';
import { textHash } from '../../core/text-key';
import { fillSearchIndex } from '../health/search-index';
import { stmt } from '../statements';
import { type ApplyContext, isPending, withoutPending } from './sync-apply-context';
import { foldTwins, parkTwin, type Twin } from './sync-apply-twins';
import { columnsFromData, tagsFromData, updateRow } from './sync-row-data';
import { syncColumns, syncTable } from '../migrations/sync-tables';
import { tagSeq } from './tags';
import { withoutTrigger } from './without-trigger';

/** From this many new facts, the search index is filled once after the rows (as fact-insert.ts does). */
const BULK_MIN = 16;

interface NewFact {
  seq: number;
  values: unknown[];
  row: RemoteRow;
}

type Cols = Record<string, string | number | null>;

/**
 * Facts from the server: existing ones updated in place where they differ (the index triggers
 * follow; an unchanged fact, such as our own change coming back, is not written at all), new
 * ones inserted with their tags linked first and, in bulk, indexed in one statement after the
 * rows (the first pull of a team library is mostly new facts). Each fact's source must be
 * here already (applied before facts, or ours).
 */
export function applyFacts(ctx: ApplyContext, rows: readonly RemoteRow[]): number {
  const { db } = ctx;
  const names = syncColumns(db, syncTable('fact')).map((c) => c.name);
  const current = stmt(db, `SELECT seq, ${names.join(', ')} FROM facts WHERE id = ?`);
  const firstSeq = (stmt(db, 'SELECT coalesce(max(seq), 0) FROM facts').pluck().get() as number) + 1;
  const fresh: NewFact[] = [];
  const links: [number, number][] = [];
  const shared: [string, number][] = [];
  const twins: Twin[] = [];
  const tagSeqs = new Map<string, number>();
  const seqOfTag = (name: string) => {
    let seq = tagSeqs.get(name.toLowerCase());
    if (seq === undefined) tagSeqs.set(name.toLowerCase(), (seq = tagSeq(db, name)));
    return seq;
  };
  const knownSources = new Set<string>();
  for (const r of rows) {
    if (ctx.pending.get(`fact:${r.id}`) === 'delete') continue;
    const at = `fact ${printable(r.id)}`;
    const cols = columnsFromData(db, 'fact', r.id, r.data);
    if (!('tags' in r.data)) throw invalid(`${at}.tags`, 'is missing');
    const tags = tagsFromData(r.data.tags, `${at}.tags`);
    for (const col of ['source_id', 'via_source_id'] as const) checkSource(ctx, knownSources, cols[col], `${at}.${col}`);
    shared.push([r.id, r.version]);
    const have = current.get(r.id) as (Cols & { seq: number }) | undefined;
    if (!have) {
      const hash = textHash(String(cols.text));
      const twin = parkTwin(ctx, r.id, cols.source_id as string, hash, at);
      if (twin) twins.push({ ours: twin, row: r });
      const seq = firstSeq + fresh.length;
      fresh.push({ seq, values: [seq, r.id, hash, r.updatedAt, ...names.map((n) => cols[n])], row: r });
      for (const t of tags) links.push([seq, seqOfTag(t)]);
      continue;
    }
    const changed: Record<string, string | number | null | Buffer> = withoutPending(
      ctx,
      'fact',
      r.id,
      Object.fromEntries(Object.entries(cols).filter(([k, v]) => have[k] !== v)),
    );
    if ('text' in changed || 'source_id' in changed) {
      const hash = textHash(String(cols.text));
      checkDuplicate(ctx, r.id, cols.source_id as string, hash, at);
      changed.text_hash = hash;
    }
    if (Object.keys(changed).length) updateRow(db, 'facts', 'id = @key_id', { key_id: r.id }, { ...changed, updated_at: r.updatedAt }, at);
    if (!isPending(ctx, 'fact', r.id, 'tags')) setTags(ctx, have.seq, tags.map(seqOfTag));
  }
  insertNew(ctx, names, fresh, links);
  markAllShared(ctx, shared);
  foldTwins(ctx, twins);
  return rows.length;
}

function insertNew(ctx: ApplyContext, names: readonly string[], fresh: readonly NewFact[], links: readonly [number, number][]): void {
  const { db } = ctx;
  if (fresh.length === 0) return;
  // Tags first (their foreign key is deferred): each index entry is then written once, with its tags.
  if (links.length) stmt(db, 'INSERT INTO fact_tags (fact_seq, tag_seq) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(JSON.stringify(links));
  const all = ['seq', 'id', 'text_hash', 'updated_at', ...names];
  const insert = stmt(db, `INSERT INTO facts (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`);
  const insertAll = () => {
    for (const f of fresh) {
      try {
        insert.run(f.values);
      } catch (e) {
        if (!String((e as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) throw e;
        throw invalid(`fact ${printable(f.row.id)}`, `refused by the library: ${(e as Error).message}`);
      }
    }
  };
  if (fresh.length < BULK_MIN) return insertAll();
  withoutTrigger(db, 'facts_ai', () => {
    insertAll();
    fillSearchIndex(db, fresh[0].seq, fresh[fresh.length - 1].seq);
  });
}

/** markShared for many facts in one statement. */
function markAllShared(ctx: ApplyContext, rows: readonly [string, number][]): void {
  if (rows.length === 0) return;
  stmt(
    ctx.db,
    `INSERT INTO sync_rows (entity, id, team_id, version, origin)
       SELECT 'fact', value ->> 0, @team, value ->> 1, 'team' FROM json_each(@rows) WHERE true
     ON CONFLICT (entity, id) DO UPDATE SET version = max(version, excluded.version)`,
  ).run({ team: ctx.team, rows: JSON.stringify(rows) });
}

function setTags(ctx: ApplyContext, factSeq: number, tagSeqs: readonly number[]): void {
  const have = stmt(ctx.db, 'SELECT tag_seq FROM fact_tags WHERE fact_seq = ? ORDER BY tag_seq').pluck().all(factSeq) as number[];
  const want = [...new Set(tagSeqs)].sort((a, b) => a - b);
  if (have.length === want.length && have.every((t, i) => t === want[i])) return;
  stmt(ctx.db, 'DELETE FROM fact_tags WHERE fact_seq = ?').run(factSeq);
  const link = stmt(ctx.db, 'INSERT INTO fact_tags (fact_seq, tag_seq) VALUES (?, ?)');
  for (const t of want) link.run(factSeq, t);
}

function checkSource(ctx: ApplyContext, known: Set<string>, id: string | number | null, field: string): void {
  if (id === null || known.has(String(id))) return;
  if (!stmt(ctx.db, 'SELECT 1 FROM sources WHERE id = ?').get(id)) throw invalid(field, `no source with id "${printable(String(id))}" here`);
  known.add(String(id));
}

/**
 * A team fact whose words or source changed so that they meet another fact's here: refused
 * by name (a new team fact meeting a personal one is folded instead, db/repo/sync-apply-twins.ts).
 */
function checkDuplicate(ctx: ApplyContext, id: string, sourceId: string, hash: Buffer, at: string): void {
  const twin = stmt(ctx.db, 'SELECT id FROM facts WHERE source_id = ? AND text_hash = ? AND id <> ?').pluck().get(sourceId, hash, id) as string | undefined;
  if (twin) {
    throw new DossierError('conflict', `${at}: this library has the same words from the same source as fact ${twin}; nothing was applied.`, `${at}.text`);
  }
}
