import { nowIso } from '../../core/dates';
import { stmt } from '../statements';
import type { Db } from '../open';
import { FACT_USES_SQL } from './briefing-cites';

/**
 * "Fact changed since you used it": each briefing keeps, per fact it uses, the fact's
 * citation state (text, locator, via, source fields: the `fact_citation_state` view) as it was
 * when the briefing took the fact or last accepted a change. A difference is a flag.
 */
export interface FactChange {
  factId: string;
  /** The fact's text when the briefing took it, and now (equal when only the source changed). */
  oldText: string;
  newText: string;
  /** Which parts changed: "text", "locator", "via", "source: title" … */
  changed: string[];
  seenAt: string;
}

/** Records a baseline for facts the briefing newly uses and forgets facts it no longer uses. */
export function syncSeen(db: Db, briefingId: string): void {
  stmt(
    db,
    `INSERT OR IGNORE INTO briefing_fact_seen (briefing_id, fact_id, state, seen_at)
     SELECT DISTINCT u.briefing_id, u.fact_id, c.state, ? FROM (${FACT_USES_SQL}) u
     JOIN fact_citation_state c ON c.fact_id = u.fact_id WHERE u.briefing_id = ?`,
  ).run(nowIso(), briefingId);
  stmt(
    db,
    `DELETE FROM briefing_fact_seen WHERE briefing_id = ?
     AND fact_id NOT IN (SELECT fact_id FROM (${FACT_USES_SQL}) WHERE briefing_id = ?)`,
  ).run(briefingId, briefingId);
}

/** The facts of a briefing that changed since it took them. */
export function changedFacts(db: Db, briefingId: string): FactChange[] {
  const rows = stmt(
    db,
    `SELECT s.fact_id AS factId, s.state AS old, c.state AS now, s.seen_at AS seenAt
     FROM briefing_fact_seen s JOIN fact_citation_state c ON c.fact_id = s.fact_id
     WHERE s.briefing_id = ? AND s.state <> c.state`,
  ).all(briefingId) as { factId: string; old: string; now: string; seenAt: string }[];
  return rows.map((r) => describeChange(r.factId, JSON.parse(r.old) as State, JSON.parse(r.now) as State, r.seenAt)).filter((c) => c.changed.length > 0);
}

/** How many facts changed, per briefing (the briefing list's flag). */
export function changedFactCounts(db: Db): Map<string, number> {
  const rows = stmt(
    db,
    `SELECT s.briefing_id AS id, count(*) AS n FROM briefing_fact_seen s JOIN fact_citation_state c ON c.fact_id = s.fact_id
     WHERE s.state <> c.state GROUP BY s.briefing_id`,
  ).all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Takes the facts' current state as seen (all changed facts, or the ones named). */
export function acceptChanges(db: Db, briefingId: string, factIds?: readonly string[]): number {
  const now = nowIso();
  const update = stmt(
    db,
    `UPDATE briefing_fact_seen SET state = (SELECT state FROM fact_citation_state WHERE fact_id = briefing_fact_seen.fact_id), seen_at = ?
     WHERE briefing_id = ? AND fact_id = ? AND state <> (SELECT state FROM fact_citation_state WHERE fact_id = briefing_fact_seen.fact_id)`,
  );
  const ids = factIds ?? changedFacts(db, briefingId).map((c) => c.factId);
  let n = 0;
  for (const id of ids) n += update.run(now, briefingId, id).changes;
  return n;
}

interface State {
  text: string;
  kind: string;
  locator: unknown;
  via: unknown;
  source: Record<string, unknown>;
}

function describeChange(factId: string, old: State, now: State, seenAt: string): FactChange {
  const changed: string[] = [];
  if (old.text !== now.text) changed.push('text');
  if (old.kind !== now.kind) changed.push('kind');
  if (JSON.stringify(old.locator) !== JSON.stringify(now.locator)) changed.push('locator');
  if (old.via !== now.via) changed.push('via');
  const keys = new Set([...Object.keys(old.source ?? {}), ...Object.keys(now.source ?? {})]);
  for (const k of keys) {
    if (JSON.stringify(old.source?.[k]) !== JSON.stringify(now.source?.[k])) changed.push(k === 'id' ? 'source' : `source: ${k}`);
  }
  return { factId, oldText: old.text, newText: now.text, changed, seenAt };
}
