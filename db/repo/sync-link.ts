import { nowIso } from '../../core/dates';
import { DossierError, invalid, printable } from '../../core/errors';
import type { Db } from '../open';
import { stmt } from '../statements';
import { pendingCount } from './sync-outbox';
import { setTeamRole } from './sync-role';

/** The team server this library is linked to (never its password: see migration 9). */
export interface TeamLink {
  server: string;
  teamId: string;
  teamName: string;
  userName: string;
  /** The marking scheme the team works in. */
  scheme: string;
  cursor: string;
  linkedAt: string;
  lastSyncAt: string | null;
  lastError: string | null;
}

interface LinkRow {
  server: string;
  team_id: string;
  team_name: string;
  user_name: string;
  scheme: string;
  cursor: string;
  linked_at: string;
  last_sync_at: string | null;
  last_error: string | null;
}

export function teamLink(db: Db): TeamLink | undefined {
  const r = stmt(db, 'SELECT * FROM team_link WHERE id = 1').get() as LinkRow | undefined;
  if (!r) return undefined;
  return {
    server: r.server,
    teamId: r.team_id,
    teamName: r.team_name,
    userName: r.user_name,
    scheme: r.scheme,
    cursor: r.cursor,
    linkedAt: r.linked_at,
    lastSyncAt: r.last_sync_at,
    lastError: r.last_error,
  };
}

export type TeamLinkInput = Pick<TeamLink, 'server' | 'teamId' | 'teamName' | 'userName' | 'scheme'> & {
  /** The user's role in the team, as the server said (db/repo/sync-role.ts); kept beside the link. */
  role?: string;
};

/**
 * Links the library to a team server. A connection string with a password in it is refused:
 * the password belongs in the keychain or the environment, never in the library file.
 * Relinking to the same team keeps the cursor; to another team, only once the old one is left.
 */
export function setTeamLink(db: Db, input: TeamLinkInput): TeamLink {
  const fields = ['server', 'teamId', 'teamName', 'userName', 'scheme'] as const;
  for (const f of fields) {
    const v = (input as unknown as Record<string, unknown>)?.[f];
    if (typeof v !== 'string' || v.trim() === '') throw invalid(f, 'is required');
  }
  if (hasPassword(input.server)) throw invalid('server', 'must not contain a password; give it in DOSSIER_TEAM_PASSWORD or the prompt');
  return db.transaction(() => {
    const current = teamLink(db);
    if (current && current.teamId !== input.teamId) {
      throw new DossierError('conflict', `The library is linked to team "${printable(current.teamName)}"; leave it before linking another. Nothing changed.`);
    }
    stmt(
      db,
      `INSERT INTO team_link (id, server, team_id, team_name, user_name, scheme, linked_at) VALUES (1, @server, @teamId, @teamName, @userName, @scheme, @now)
       ON CONFLICT (id) DO UPDATE SET server = excluded.server, team_name = excluded.team_name, user_name = excluded.user_name, scheme = excluded.scheme`,
    ).run({ ...pick(input, fields), now: nowIso() });
    if (input.role !== undefined) setTeamRole(db, input.role);
    return teamLink(db)!;
  })();
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

/** A password in a URL (`postgres://user:secret@host`) or in key=value form (`password=secret`). */
function hasPassword(server: string): boolean {
  try {
    if (new URL(server).password) return true;
  } catch {
    // Not a URL: a key=value connection string.
  }
  return /(^|\s)password\s*=/i.test(server);
}

/** The linked team, checked against the one a caller names (by id or name). */
export function requireTeam(db: Db, teamId: unknown): TeamLink {
  const link = teamLink(db);
  if (!link) throw invalid('teamId', 'the library is not linked to a team server; link it first');
  if (typeof teamId !== 'string' || (teamId !== link.teamId && teamId !== link.teamName)) {
    throw invalid('teamId', `the library is linked to team "${printable(link.teamName)}", not "${printable(String(teamId))}"`);
  }
  return link;
}

/** A sync went through: where the next pull starts, and when it happened. */
export function setSyncCursor(db: Db, cursor: string, at = nowIso()): void {
  if (typeof cursor !== 'string') throw invalid('cursor', 'must be text');
  const r = stmt(db, 'UPDATE team_link SET cursor = ?, last_sync_at = ?, last_error = NULL WHERE id = 1').run(cursor, at);
  if (r.changes === 0) throw invalid('cursor', 'the library is not linked to a team server');
}

/** A sync failed (server unreachable, refused): kept for the status line until one succeeds. */
export function recordSyncError(db: Db, message: string): void {
  stmt(db, 'UPDATE team_link SET last_error = ? WHERE id = 1').run(message);
}

export interface SyncState {
  linked: boolean;
  pending: number;
  conflicts: number;
  lastSyncAt: string | null;
  lastError: string | null;
}

export function syncState(db: Db): SyncState {
  const link = teamLink(db);
  return {
    linked: link !== undefined,
    pending: pendingCount(db),
    conflicts: stmt(db, 'SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL').pluck().get() as number,
    lastSyncAt: link?.lastSyncAt ?? null,
    lastError: link?.lastError ?? null,
  };
}
