import { DossierError } from '../../core/errors';
import { BUILT_IN_SCHEMES, type MarkingScheme } from '../../core/markings';
import type { TeamServer } from './connection';
import { schema001 } from './schema/001-team';
import { schema002 } from './schema/002-originals';

/** One step of the server schema: its version and the SQL that brings the previous one to it. */
export interface ServerMigration {
  version: number;
  sql: string;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  { version: 1, sql: schema001 },
  { version: 2, sql: schema002 },
];

/** The schema version this Dossier writes and expects: sync refuses a server at any other. */
export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS.at(-1)?.version ?? 0;

/** Any number, the same for every Dossier: serialises concurrent inits of one database. */
const INIT_LOCK = 0x646f7373;

/**
 * Creates or upgrades the team schema in one transaction, under an advisory lock so two admins
 * running init at once do not interleave. A server whose schema is newer than this Dossier
 * knows is refused (`server_future`) before anything is written.
 */
export async function initSchema(s: TeamServer, migrations: readonly ServerMigration[] = SERVER_MIGRATIONS): Promise<{ from: number; to: number }> {
  const latest = migrations.at(-1)?.version ?? 0;
  return s.transaction(async () => {
    await s.query('SELECT pg_advisory_xact_lock($1)', [INIT_LOCK]);
    const from = await serverVersion(s);
    if (from > latest) {
      throw new DossierError('server_future', `the team server's schema is version ${from}, newer than this Dossier knows (${latest}): update Dossier`);
    }
    if (from === latest) {
      if (!(await versionReadable(s))) await showVersion(s);
      return { from, to: latest };
    }
    await checkOwnerRights(s);
    for (const m of migrations) {
      if (m.version > from) await s.query(m.sql);
    }
    await s.query('CREATE TABLE IF NOT EXISTS dossier.schema_version (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL)');
    await s.query('INSERT INTO dossier.schema_version (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version', [latest]);
    await showVersion(s);
    await seedMarkings(s, BUILT_IN_SCHEMES);
    return { from, to: latest };
  });
}

/** The schema version a server holds; 0 when it has no Dossier schema yet. */
export async function serverVersion(s: TeamServer): Promise<number> {
  const exists = await s.query<{ t: string | null }>("SELECT to_regclass('dossier.schema_version')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const row = await s.query<{ version: number }>('SELECT version FROM dossier.schema_version WHERE id = 1');
  return row.rows[0]?.version ?? 0;
}

/**
 * Every member's sync reads the version (whoAmI) and refuses a server of another one. A server
 * set up by an earlier Dossier lacks the grant: init, run again, adds it (as the owner).
 */
async function showVersion(s: TeamServer): Promise<void> {
  await checkOwnerRights(s);
  await s.query('GRANT SELECT ON dossier.schema_version TO dossier_user');
}

async function versionReadable(s: TeamServer): Promise<boolean> {
  const r = await s.query<{ ok: boolean }>("SELECT has_table_privilege('dossier_user', 'dossier.schema_version', 'SELECT') AS ok");
  return r.rows[0]?.ok ?? false;
}

/**
 * The schema's functions create login roles and write history past row-level security: the
 * role that installs it must be a superuser, or hold CREATEROLE and BYPASSRLS.
 */
async function checkOwnerRights(s: TeamServer): Promise<void> {
  const r = await s.query<{ ok: boolean }>('SELECT rolsuper OR (rolcreaterole AND rolbypassrls) AS ok FROM pg_roles WHERE rolname = current_user');
  if (!r.rows[0]?.ok) {
    throw new DossierError('forbidden', 'initialising the team server needs a superuser, or a role with CREATEROLE and BYPASSRLS');
  }
}

/**
 * The server ranks markings itself, from the same scheme files the app uses: each level's id,
 * banner and portion form, and the banner followed by each descriptor, rank = position.
 */
async function seedMarkings(s: TeamServer, schemes: readonly MarkingScheme[]): Promise<void> {
  const scheme: string[] = [];
  const token: string[] = [];
  const level: string[] = [];
  const rank: number[] = [];
  for (const sc of schemes) {
    sc.levels.forEach((l, i) => {
      const tokens = new Set([l.id, l.banner, l.portion, ...(l.descriptors ?? []).map((d) => `${l.banner} ${d}`)].map((t) => t.toUpperCase()));
      for (const t of tokens) {
        scheme.push(sc.id);
        token.push(t);
        level.push(l.id);
        rank.push(i);
      }
    });
  }
  await s.query('DELETE FROM dossier.marking_levels');
  await s.query(
    `INSERT INTO dossier.marking_levels (scheme, token, level_id, rank)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
    [scheme, token, level, rank],
  );
}
