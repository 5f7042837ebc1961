import { invalid, isDossierError, printable } from '../../core/errors';
import type { SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { resolveBriefingId } from './briefings';
import { resolveFactId } from './facts';
import { getSetting, setSetting } from './settings';
import { resolveSourceId } from './sources';

/**
 * The user's role in the linked team, as the server last said it (when linking, and at every
 * sync). Kept in `settings` beside the link (no column for it in `team_link`). A reader
 * receives the team's rows but may not change them: the server would refuse the change at the
 * next push, and the pull after would silently write the team's value over the local one. So
 * the library refuses such an edit up front, naming the team and the role, and nothing changes.
 */
const TEAM_ROLES = ['reader', 'editor', 'admin'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const KEY = 'team_role';

export function teamRole(db: Db): TeamRole | undefined {
  const v = getSetting(db, KEY);
  return (TEAM_ROLES as readonly string[]).includes(v ?? '') ? (v as TeamRole) : undefined;
}

export function setTeamRole(db: Db, role: unknown): void {
  if (typeof role !== 'string' || !(TEAM_ROLES as readonly string[]).includes(role)) throw invalid('role', `must be one of ${TEAM_ROLES.join(', ')}`);
  setSetting(db, KEY, role);
}

/** The library left its team: no role is left to check. */
export function clearTeamRole(db: Db): void {
  stmt(db, 'DELETE FROM settings WHERE key = ?').run(KEY);
}

const NOUNS: Record<SyncEntity, string> = { fact: 'fact', source: 'source', link: 'corroboration link', briefing: 'briefing', original: 'stored original' };

/** The error a reader's edit of a team row gets: the team, the role, and what to do instead. */
function readerRefusal(db: Db, entity: SyncEntity): Error {
  const team = stmt(db, 'SELECT team_name FROM team_link WHERE id = 1').pluck().get() as string | undefined;
  return invalid(
    entity,
    `this ${NOUNS[entity]} belongs to team "${printable(team ?? '?')}", where your role is reader: ` +
      'a reader receives the team’s rows but cannot change them (ask a team admin for the editor role). Nothing changed.',
  );
}

function isReader(db: Db): boolean {
  return teamRole(db) === 'reader';
}

function isShared(db: Db, entity: SyncEntity, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM sync_rows WHERE entity = ? AND id = ?').get(entity, id) !== undefined;
}

/** The row's full id, or undefined when it is not here (the write names that problem itself). */
function resolve(db: Db, entity: 'fact' | 'source' | 'briefing', ref: string): string | undefined {
  try {
    if (entity === 'fact') return resolveFactId(db, ref);
    if (entity === 'source') return resolveSourceId(db, ref);
    return resolveBriefingId(db, ref);
  } catch (e) {
    if (isDossierError(e)) return undefined;
    throw e;
  }
}

/** Refuses a reader's change to any of these rows (by id, prefix or a briefing's title) that the team shares. */
export function refuseReaderEdit(db: Db, entity: 'fact' | 'source' | 'briefing', refs: readonly string[]): void {
  if (!isReader(db)) return;
  for (const ref of refs) {
    const id = typeof ref === 'string' ? resolve(db, entity, ref) : undefined;
    if (id !== undefined && isShared(db, entity, id)) throw readerRefusal(db, entity);
  }
}

/** A corroboration between two team facts is the team's (made or removed, it would be sent). */
export function refuseReaderLink(db: Db, factA: string, factB: string): void {
  if (!isReader(db)) return;
  const [a, b] = [factA, factB].map((f) => (typeof f === 'string' ? resolve(db, 'fact', f) : undefined));
  if (a !== undefined && b !== undefined && isShared(db, 'fact', a) && isShared(db, 'fact', b)) throw readerRefusal(db, 'link');
}

/** Renaming a tag renames it on every fact that has it, team facts included. */
export function refuseReaderTagRename(db: Db, from: string): void {
  if (!isReader(db) || typeof from !== 'string') return;
  const teamFact = stmt(
    db,
    `SELECT 1 FROM tags t JOIN fact_tags ft ON ft.tag_seq = t.seq JOIN facts f ON f.seq = ft.fact_seq
       JOIN sync_rows r ON r.entity = 'fact' AND r.id = f.id
      WHERE t.name = ? LIMIT 1`,
  ).get(from.trim());
  if (teamFact) throw readerRefusal(db, 'fact');
}

/** Sharing makes team rows: a reader cannot. */
export function refuseReaderShare(db: Db): void {
  if (!isReader(db)) return;
  const team = stmt(db, 'SELECT team_name FROM team_link WHERE id = 1').pluck().get() as string | undefined;
  throw invalid(
    'team',
    `your role in team "${printable(team ?? '?')}" is reader: a reader receives the team’s facts but cannot share (ask a team admin for the editor role). Nothing changed.`,
  );
}

export function sharedWith(db: Db, entity: SyncEntity, id: string): string | undefined {
  if (!isShared(db, entity, id)) return undefined;
  return (stmt(db, 'SELECT team_name FROM team_link WHERE id = 1').pluck().get() as string | undefined) ?? undefined;
}

/** Why this library may not change the row (a team row, and the user a reader), or undefined: the inspector's short reason. */
export function readOnlyReason(db: Db, entity: SyncEntity, id: string): string | undefined {
  if (!isReader(db) || !isShared(db, entity, id)) return undefined;
  const team = stmt(db, 'SELECT team_name FROM team_link WHERE id = 1').pluck().get() as string | undefined;
  return `Read-only: this ${NOUNS[entity]} belongs to team “${team ?? '?'}”, where you are a reader.`;
}

/** "Keep mine" writes our value again, to be sent: a reader's would be refused at the push. */
export function refuseReaderKeepMine(db: Db, conflictId: string, choice: unknown): void {
  if (choice !== 'mine' || !isReader(db)) return;
  const entity = stmt(db, 'SELECT entity FROM sync_conflicts WHERE id = ?').pluck().get(conflictId) as SyncEntity | undefined;
  if (entity) throw readerRefusal(db, entity);
}
