import { randomUUID } from 'node:crypto';
import type { Mutation, SyncEntity, JsonValue } from '../../core/sync-types';
import { addUser, createTeam, initSchema, openServer, type TeamRole, type TeamServer } from '../server';
import type { PgCluster } from './pg-cluster';

/**
 * A fresh database on a test cluster with the team schema, one team, and helpers to add
 * members and connect as them (each with their own login, as the app would).
 */
export interface TeamFixture {
  admin: TeamServer;
  teamId: string;
  teamName: string;
  dbUrl: string;
  /** Adds a member (a unique role name made from `who`) and returns a connection as them. */
  member(who: string, role: TeamRole, clearance: string): Promise<{ s: TeamServer; name: string; url: string }>;
  close(): Promise<void>;
}

let made = 0;

export async function teamFixture(cluster: PgCluster, scheme: 'us' | 'uk' = 'us'): Promise<TeamFixture> {
  made += 1;
  const dbUrl = await cluster.createDatabase(`team${made}`);
  const dbName = new URL(dbUrl).pathname.slice(1);
  const admin = await openServer({ url: dbUrl });
  await initSchema(admin);
  const teamName = `Team ${made}`;
  const { id: teamId } = await createTeam(admin, teamName, scheme);
  const open: TeamServer[] = [admin];
  return {
    admin,
    teamId,
    teamName,
    dbUrl,
    async member(who, role, clearance) {
      // Roles are per cluster, databases per test: keep names apart.
      const name = `${who}_${made}_${open.length}`;
      const password = `pw-${randomUUID()}`;
      await addUser(admin, { name, team: teamName, role, clearance, password });
      const url = cluster.urlFor(dbName, name, password);
      const s = await openServer({ url });
      open.push(s);
      return { s, name, url };
    },
    async close() {
      await Promise.all(open.map((s) => s.close()));
    },
  };
}

/** A mutation with a fresh id. */
export function mutation(entity: SyncEntity, id: string, fields: Record<string, JsonValue>, baseVersion: number, op: Mutation['op'] = 'upsert'): Mutation {
  return { mutationId: randomUUID(), entity, id, op, fields, baseVersion };
}
