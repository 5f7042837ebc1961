import type { Mutation } from '../../core/sync-types';
import type { Library } from '../library';
import { tempLibrary } from './temp-library';

export const TEAM = { server: 'postgresql://analyst@team.example/dossier', teamId: 'team-1', teamName: 'Grain desk', userName: 'ana', scheme: 'us-cui' };

/** A library file linked to a (pretend) team server; nothing shared yet. */
export function teamLibrary(): ReturnType<typeof tempLibrary> {
  const t = tempLibrary();
  t.lib.setTeamLink(TEAM);
  return t;
}

/** The outbox as it would be sent, without the mutation ids (fresh each time). */
export function outbox(lib: Library): Omit<Mutation, 'mutationId'>[] {
  return lib.pendingMutations(10_000).map(({ mutationId: _, ...m }) => m);
}

/** Sends everything pending as if a server took it at `version` (acknowledged, outbox empty). */
export function ackAll(lib: Library, version = 1): void {
  lib.ackMutations(lib.pendingMutations(10_000).map((m) => ({ mutationId: m.mutationId, version })));
}
