import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { DossierError, invalid, isDossierError, printable } from '../../core/errors';
import type { TeamServer } from './connection';

/**
 * Teams and their members. Creating a team is the server owner's job (only the owner may
 * insert into dossier.teams). Members are managed through the schema's SECURITY DEFINER
 * functions, which let the owner and a team's admins create login roles without giving every
 * admin CREATEROLE on the whole server.
 */
export type TeamRole = 'reader' | 'editor' | 'admin';

const ROLES: readonly TeamRole[] = ['reader', 'editor', 'admin'];

/** A user name is a PostgreSQL role: lower-case so it never needs quoting. */
const USER_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Makes a team. With `ifMissing`, a team of that name and scheme already there is the answer
 * (`created: false`), so `team init --team T` can be run again; a different scheme is refused.
 */
export async function createTeam(
  s: TeamServer,
  name: string,
  scheme: 'us' | 'uk',
  opts: { ifMissing?: boolean } = {},
): Promise<{ id: string; created: boolean }> {
  if (!name.trim()) throw invalid('team', 'a team needs a name');
  if (scheme !== 'us' && scheme !== 'uk') throw invalid('scheme', `${printable(String(scheme))} is not us or uk`);
  const existing = await s.query<{ id: string; scheme: string }>('SELECT id, scheme FROM dossier.teams WHERE name = $1', [name]);
  const have = existing.rows[0];
  if (have && opts.ifMissing && have.scheme === scheme) return { id: have.id, created: false };
  if (have)
    throw new DossierError(
      'conflict',
      have.scheme === scheme
        ? `team ${printable(name)} already exists`
        : `team ${printable(name)} already exists with ${have.scheme.toUpperCase()} markings, not ${scheme.toUpperCase()}`,
    );
  const r = await s.query<{ id: string }>('INSERT INTO dossier.teams (name, scheme) VALUES ($1, $2) RETURNING id', [name, scheme]);
  return { id: r.rows[0].id, created: true };
}

export interface NewMember {
  name: string;
  team: string;
  role: TeamRole;
  clearance: string;
  password: string;
}

/** Creates the login role if new, then adds or updates the membership (a revoked one returns). */
export async function addUser(s: TeamServer, u: NewMember): Promise<void> {
  if (!USER_NAME.test(u.name)) {
    throw invalid('name', `${printable(u.name)} is not a user name: lower-case letters, digits and _, a letter or _ first, at most 63`);
  }
  if (!ROLES.includes(u.role)) throw invalid('role', `${printable(String(u.role))} is not reader, editor or admin`);
  if (u.password.length < 8) throw invalid('password', 'a team password needs at least 8 characters');
  await s.query('SELECT dossier.add_member($1, $2, $3, $4, $5)', [u.team, u.name, u.role, u.clearance, scramVerifier(u.password)]);
}

export async function revokeUser(s: TeamServer, u: { name: string; team: string }): Promise<void> {
  await s.query('SELECT dossier.revoke_member($1, $2)', [u.team, u.name]);
}

export interface Membership {
  teamId: string;
  teamName: string;
  scheme: string;
  user: string;
  role: string;
  clearance: string;
  /** The server's schema version (schema.ts), read in the same query. */
  schemaVersion: number;
  /**
   * The server's next transaction id and its team's newest change-log entry (xid8 as text):
   * a restore from `pg_dump` starts the counter again below the log, and pulls order by it.
   */
  nextXid: string;
  newestChangeXid: string | null;
}

/** The connected user's active membership of `team` (its name); forbidden if there is none. */
export async function whoAmI(s: TeamServer, team: string): Promise<Membership> {
  let r;
  try {
    r = await s.query<Membership>(
      `SELECT t.id AS "teamId", t.name AS "teamName", t.scheme, m.user_name AS "user", m.role, m.clearance,
              (SELECT version FROM dossier.schema_version WHERE id = 1) AS "schemaVersion",
              pg_snapshot_xmax(pg_current_snapshot())::text AS "nextXid",
              (SELECT c.xid::text FROM dossier.change_log c WHERE c.team_id = t.id ORDER BY c.xid DESC LIMIT 1) AS "newestChangeXid"
         FROM dossier.members m JOIN dossier.teams t ON t.id = m.team_id
        WHERE t.name = $1 AND m.user_name = current_user AND m.revoked_at IS NULL`,
      [team],
    );
  } catch (e) {
    // Members may read the version since this Dossier's init (schema.ts); a server set up
    // before cannot say, and must not look like a revoked membership (sync would leave the team).
    if (isDossierError(e) && e.code === 'forbidden' && /schema_version/.test(e.message)) {
      throw new DossierError('validation', SCHEMA_UNREADABLE, 'server');
    }
    throw e;
  }
  const row = r.rows[0];
  if (!row) throw new DossierError('forbidden', `you are not a member of team ${printable(team)} on this server (or no longer)`);
  return row;
}

const SCHEMA_UNREADABLE = "the team server does not show its schema version to members: a team admin runs 'dossier team init --server URL' on it once";

/** The same, by team id: what push and pull check first. */
export async function membershipById(s: TeamServer, teamId: string): Promise<{ role: string; clearanceRank: number }> {
  const r = await s.query<{ role: string; rank: number }>(
    `SELECT role, clearance_rank AS rank FROM dossier.members
      WHERE team_id::text = $1 AND user_name = current_user AND revoked_at IS NULL`,
    [teamId],
  );
  const row = r.rows[0];
  if (!row) throw new DossierError('forbidden', 'you are not a member of this team on the server (or no longer)');
  return { role: row.role, clearanceRank: row.rank };
}

/**
 * A SCRAM-SHA-256 verifier (RFC 5802/7677, PostgreSQL's stored form), made here so the
 * password itself never reaches the server or its statement log. The password is prepared
 * as the login prepares it (node-postgres and libpq: SASLprep's mapping steps and NFKC), or a
 * password with such characters would be stored in one form and sent in another.
 */
function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(saslPrepare(password), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** RFC 4013's mappings: non-ASCII spaces become spaces, "mapped to nothing" goes, then NFKC. */
function saslPrepare(password: string): string {
  return password
    .replace(/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/\u00ad|\u034f|\u1806|[\u180b-\u180d]|\u200c|\u200d|\u2060|[\ufe00-\ufe0f]|\ufeff/g, '')
    .normalize('NFKC');
}
