import { DossierError, invalid, printable } from '../../core/errors';
import type { SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { FACT_USES_SQL } from './briefing-cites';
import { resolveBriefingId } from './briefings';
import { resolveFactId } from './facts';
import { resolveSourceId } from './sources';
import { requireTeam } from './sync-link';
import { queueMutation } from './sync-outbox';
import { readRowData } from './sync-row-data';

export type ShareSelector = { ids: string[] } | { tag: string } | { source: string } | { brief: string };
export type ShareCounts = Record<SyncEntity, number>;

interface Selection {
  sources: string[];
  facts: string[];
  briefings: string[];
}

/**
 * Shares rows with the team, in one transaction: the facts chosen (by id, tag, source or
 * briefing) with everything they need there — their sources and `via` sources with their
 * stored originals (each file goes up by its hash at the next sync), the links
 * between facts the team then has, a briefing's cited facts. Each newly shared row is marked
 * (origin 'local', version 0) and queued as one full upsert, sources first so the server
 * always has what a row refers to. A row already shared is left as it is. Returns how many
 * rows of each kind were newly shared.
 */
export function shareWithTeam(db: Db, teamId: string, selector: ShareSelector): ShareCounts {
  return db.transaction(() => {
    const team = requireTeam(db, teamId).teamId;
    const pick = selectionClosure(db, selector);
    const counts: ShareCounts = { source: 0, fact: 0, link: 0, briefing: 0, original: 0 };
    counts.source = shareRows(db, team, 'source', pick.sources);
    counts.fact = shareRows(db, team, 'fact', pick.facts);
    // After the facts: the server ranks a file at least as high as the facts it has from its source.
    counts.original = shareRows(db, team, 'original', unsharedOriginals(db));
    counts.link = shareRows(db, team, 'link', unsharedLinks(db));
    counts.briefing = shareRows(db, team, 'briefing', pick.briefings);
    return counts;
  })();
}

/**
 * What a selection (facts by id, tag, source or briefing) needs wherever it goes — to the team
 * or into a fact pack: the facts, their sources and `via` sources, and a briefing with the
 * facts it cites. Links are left to the caller: which ones go depends on what the other side
 * has already.
 */
export function selectionClosure(db: Db, selector: ShareSelector): Selection {
  const pick = select(db, selector);
  const refs = stmt(
    db,
    `SELECT source_id AS id FROM facts WHERE id IN (SELECT value FROM json_each(@facts))
     UNION SELECT via_source_id FROM facts WHERE id IN (SELECT value FROM json_each(@facts)) AND via_source_id IS NOT NULL`,
  )
    .pluck()
    .all({ facts: JSON.stringify(pick.facts) }) as string[];
  return { ...pick, sources: [...new Set([...pick.sources, ...refs])] };
}

function shareRows(db: Db, team: string, entity: SyncEntity, ids: readonly string[]): number {
  const mark = stmt(db, "INSERT OR IGNORE INTO sync_rows (entity, id, team_id, version, origin) VALUES (?, ?, ?, 0, 'local')");
  let n = 0;
  for (const id of ids) {
    if (mark.run(entity, id, team).changes === 0) continue;
    queueMutation(db, entity, id, 'upsert', readRowData(db, entity, id)!, 0);
    n++;
  }
  return n;
}

/** The stored originals of shared sources that are not shared yet: a source goes with its originals. */
function unsharedOriginals(db: Db): string[] {
  return stmt(
    db,
    `SELECT so.source_id || '~' || so.sha256 FROM source_originals so
       JOIN sync_rows s ON s.entity = 'source' AND s.id = so.source_id
     WHERE NOT EXISTS (SELECT 1 FROM sync_rows o WHERE o.entity = 'original' AND o.id = so.source_id || '~' || so.sha256)
     ORDER BY so.captured_at, so.source_id, so.sha256`,
  )
    .pluck()
    .all() as string[];
}

/** Links between two shared facts that are not shared yet. */
function unsharedLinks(db: Db): string[] {
  return stmt(
    db,
    `SELECT c.fact_a || '~' || c.fact_b FROM corroborations c
       JOIN sync_rows a ON a.entity = 'fact' AND a.id = c.fact_a
       JOIN sync_rows b ON b.entity = 'fact' AND b.id = c.fact_b
     WHERE NOT EXISTS (SELECT 1 FROM sync_rows l WHERE l.entity = 'link' AND l.id = c.fact_a || '~' || c.fact_b)`,
  )
    .pluck()
    .all() as string[];
}

function select(db: Db, selector: ShareSelector): Selection {
  const given = selector !== null && typeof selector === 'object' ? Object.keys(selector) : [];
  if (given.length !== 1 || !['ids', 'tag', 'source', 'brief'].includes(given[0])) {
    throw invalid('selector', 'give exactly one of ids, tag, source or brief');
  }
  const s = selector as Record<string, unknown>;
  if ('ids' in selector) return { sources: [], briefings: [], facts: factIds(db, s.ids) };
  const name = s[given[0]];
  if (typeof name !== 'string' || name.trim() === '') throw invalid(given[0], 'is required');
  if ('tag' in selector) {
    const ids = stmt(db, 'SELECT f.id FROM tags t JOIN fact_tags ft ON ft.tag_seq = t.seq JOIN facts f ON f.seq = ft.fact_seq WHERE t.name = ? ORDER BY f.seq')
      .pluck()
      .all(name.trim()) as string[];
    if (ids.length === 0) throw invalid('tag', `no fact has the tag "${printable(name)}"`);
    return { sources: [], briefings: [], facts: ids };
  }
  if ('source' in selector) {
    const id = orInvalid('source', () => resolveSourceId(db, name));
    const facts = stmt(db, 'SELECT id FROM facts WHERE source_id = ? ORDER BY seq').pluck().all(id) as string[];
    return { sources: [id], briefings: [], facts };
  }
  const id = orInvalid('brief', () => resolveBriefingId(db, name));
  const facts = stmt(db, `SELECT DISTINCT fact_id FROM (${FACT_USES_SQL}) WHERE briefing_id = ?`).pluck().all(id) as string[];
  return { sources: [], briefings: [id], facts };
}

function factIds(db: Db, ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0) throw invalid('ids', 'must be a list of one or more fact ids');
  return [...new Set(ids.map((id: unknown, i) => orInvalid(`ids[${i}]`, () => resolveFactId(db, String(id)))))];
}

/** A look-up whose "not found" is an input error naming the field. */
function orInvalid<T>(field: string, find: () => T): T {
  try {
    return find();
  } catch (e) {
    if (e instanceof DossierError && (e.code === 'not_found' || e.code === 'validation')) throw invalid(field, e.message);
    throw e;
  }
}
