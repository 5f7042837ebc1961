import type { Migration } from './migration';
import { createSyncTriggers } from './team-sync-triggers';

/**
 * A library linked to a team server (issue 16). The local file stays the working copy; these
 * tables record what is shared and what has changed since the last sync:
 * - `team_link`: the one team server this library is linked to. The connection string is kept
 *   without its password (that lives in the OS keychain or the environment, never here).
 * - `sync_rows`: each row shared with the team and the server version it was last in step with
 *   (0: shared here, not yet on the server). `origin` tells a row made here from one that came
 *   from the team, so a revoked membership removes only the team's rows.
 * - `sync_outbox`: every change to a shared row, written in the same transaction as the change,
 *   so nothing is lost if the app dies before it syncs. Drained by a push, in `seq` order.
 * - `sync_conflicts`: changes that did not simply apply, kept until the analyst resolves them.
 * - `sync_applying`: 1 only inside the transaction that applies rows from the server or a pack,
 *   so the outbox does not echo them back (triggers cannot see a TEMP table).
 * - `pack_base`: each row as last exported to or imported from a fact pack (its data record),
 *   the common ancestor of a three-way merge when a pack comes back: a field changed only in
 *   the pack applies, one changed only here stays, one changed on both sides is a conflict.
 * - the outbox triggers (./team-sync-triggers.ts), generated from the shared tables' columns.
 */
export const teamSync: Migration = {
  version: 9,
  name: 'team-sync',
  up(db) {
    db.exec(`
      CREATE TABLE team_link (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        server       TEXT NOT NULL,
        team_id      TEXT NOT NULL,
        team_name    TEXT NOT NULL,
        user_name    TEXT NOT NULL,
        scheme       TEXT NOT NULL,
        cursor       TEXT NOT NULL DEFAULT '',
        linked_at    TEXT NOT NULL,
        last_sync_at TEXT,
        last_error   TEXT
      ) STRICT;

      CREATE TABLE sync_rows (
        entity  TEXT NOT NULL CHECK (entity IN ('source','fact','link','briefing')),
        id      TEXT NOT NULL,
        team_id TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
        origin  TEXT NOT NULL CHECK (origin IN ('local','team')),
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_outbox (
        seq          INTEGER PRIMARY KEY,
        mutation_id  TEXT NOT NULL UNIQUE,
        entity       TEXT NOT NULL CHECK (entity IN ('source','fact','link','briefing')),
        id           TEXT NOT NULL,
        op           TEXT NOT NULL CHECK (op IN ('upsert','delete')),
        fields       TEXT NOT NULL CHECK (json_valid(fields)),
        base_version INTEGER NOT NULL CHECK (base_version >= 0),
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_outbox_row ON sync_outbox(entity, id);

      CREATE TABLE sync_conflicts (
        id             TEXT PRIMARY KEY,
        entity         TEXT NOT NULL CHECK (entity IN ('source','fact','link','briefing')),
        entity_id      TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('field','edited_deleted','deleted_edited')),
        field          TEXT CHECK ((kind = 'field') = (field IS NOT NULL)),
        mine           TEXT CHECK (mine IS NULL OR json_valid(mine)),
        theirs         TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
        server_version INTEGER NOT NULL DEFAULT 0,
        by_user        TEXT,
        created_at     TEXT NOT NULL,
        resolved_at    TEXT,
        resolution     TEXT CHECK (resolution IN ('mine','theirs')),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      CREATE INDEX sync_conflicts_open ON sync_conflicts(entity, entity_id) WHERE resolved_at IS NULL;

      CREATE TABLE sync_applying (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        active INTEGER NOT NULL CHECK (active IN (0, 1))
      ) STRICT;
      INSERT INTO sync_applying (id, active) VALUES (1, 0);

      CREATE TABLE pack_base (
        entity TEXT NOT NULL CHECK (entity IN ('source','fact','link','briefing')),
        id     TEXT NOT NULL,
        data   TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;
    `);
    createSyncTriggers(db);
  },
};
