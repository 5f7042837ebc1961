import { invalid, printable } from '../../core/errors';
import type { SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { setApplying } from './sync-apply-context';
import { teamLink } from './sync-link';
import { removeRemoteRows } from './sync-remove';
import { clearTeamRole } from './sync-role';

export interface LeaveResult {
  /** The team's rows removed from this library. */
  removed: Record<SyncEntity, number>;
  /** Our own shared rows, now personal again. */
  keptOwn: number;
  /** Team facts a briefing here cites: kept as personal, each with a conflict. */
  keptCited: number;
}

/**
 * Leaves the team (or is removed from it): in one transaction, the rows that came from the
 * team go — except a fact a briefing here cites (and its source), kept as personal — our own
 * shared rows stay as personal rows, and the outbox, the link and the conflicts about rows no
 * longer here are cleared. Unsent changes to our own rows are dropped with the link: the rows
 * themselves keep them.
 */
export function leaveTeam(db: Db, teamId: string): LeaveResult {
  return db.transaction(() => {
    const link = teamLink(db);
    if (!link) throw invalid('teamId', 'the library is not linked to a team');
    if (teamId !== link.teamId && teamId !== link.teamName) throw invalid('teamId', `the library is linked to team "${printable(link.teamName)}"`);
    // Unsent changes to team rows are not ours to keep once the team is gone: no conflicts for them.
    stmt(db, 'DELETE FROM sync_outbox').run();
    setApplying(db, 1);
    try {
      const keptOwn = stmt(db, "DELETE FROM sync_rows WHERE origin = 'local'").run().changes;
      const theirs = stmt(db, "SELECT entity, id FROM sync_rows WHERE origin = 'team'").all() as { entity: SyncEntity; id: string }[];
      const { removed, kept } = removeRemoteRows(db, theirs, [], false);
      stmt(db, 'DELETE FROM tags WHERE seq NOT IN (SELECT tag_seq FROM fact_tags)').run();
      stmt(db, 'DELETE FROM sync_rows').run();
      dropConflictsOfGoneRows(db);
      stmt(db, 'DELETE FROM team_link').run();
      clearTeamRole(db);
      return { removed, keptOwn, keptCited: kept };
    } finally {
      setApplying(db, 0);
    }
  })();
}

/** A conflict about a row that is no longer here has nothing left to resolve. */
function dropConflictsOfGoneRows(db: Db): void {
  stmt(
    db,
    `DELETE FROM sync_conflicts WHERE resolved_at IS NULL AND NOT (
       (entity = 'source' AND entity_id IN (SELECT id FROM sources)) OR
       (entity = 'fact' AND entity_id IN (SELECT id FROM facts)) OR
       (entity = 'briefing' AND entity_id IN (SELECT id FROM briefings)) OR
       (entity = 'link' AND entity_id IN (SELECT fact_a || '~' || fact_b FROM corroborations)))`,
  ).run();
}
