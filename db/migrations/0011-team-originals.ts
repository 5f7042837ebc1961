import type { Migration } from './migration';
import { createSyncTriggers, dropSyncTriggers } from './team-sync-triggers';

const ENTITIES = "('source','fact','link','briefing','original')";

/**
 * Stored originals travel with their shared sources (issue 16 §1). A source's link to its
 * original (`source_originals`) becomes a shared row, entity 'original', id
 * `${source_id}~${sha256}`; the file's bytes and text go by their hash beside the rows
 * (team/sync-originals.ts), so nothing local changes about how an original is kept.
 *
 * - The sync tables name the kinds of row they hold in a CHECK; SQLite cannot alter one, so
 *   the four tables are rebuilt with 'original' allowed, rows kept as they are (the outbox
 *   triggers name them, so they are dropped first and generated again after).
 * - The triggers now also watch `source_originals`: an original attached to a shared source
 *   is shared with it, and a source shared by a trigger takes its originals along.
 * - The originals already attached to shared sources are shared now, queued after everything
 *   already waiting, as if attached today.
 */
export const teamOriginals: Migration = {
  version: 11,
  name: 'team-originals',
  up(db) {
    dropSyncTriggers(db);
    rebuild(
      db,
      'sync_rows',
      `entity  TEXT NOT NULL CHECK (entity IN ${ENTITIES}),
        id      TEXT NOT NULL,
        team_id TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
        origin  TEXT NOT NULL CHECK (origin IN ('local','team')),
        PRIMARY KEY (entity, id)`,
      'STRICT, WITHOUT ROWID',
    );
    rebuild(
      db,
      'sync_outbox',
      `seq          INTEGER PRIMARY KEY,
        mutation_id  TEXT NOT NULL UNIQUE,
        entity       TEXT NOT NULL CHECK (entity IN ${ENTITIES}),
        id           TEXT NOT NULL,
        op           TEXT NOT NULL CHECK (op IN ('upsert','delete')),
        fields       TEXT NOT NULL CHECK (json_valid(fields)),
        base_version INTEGER NOT NULL CHECK (base_version >= 0),
        created_at   TEXT NOT NULL`,
      'STRICT',
    );
    db.exec('CREATE INDEX sync_outbox_row ON sync_outbox(entity, id)');
    rebuild(
      db,
      'sync_conflicts',
      `id             TEXT PRIMARY KEY,
        entity         TEXT NOT NULL CHECK (entity IN ${ENTITIES}),
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
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))`,
      'STRICT',
    );
    db.exec('CREATE INDEX sync_conflicts_open ON sync_conflicts(entity, entity_id) WHERE resolved_at IS NULL');
    rebuild(
      db,
      'pack_base',
      `entity TEXT NOT NULL CHECK (entity IN ${ENTITIES}),
        id     TEXT NOT NULL,
        data   TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (entity, id)`,
      'STRICT, WITHOUT ROWID',
    );
    createSyncTriggers(db);
    db.exec(`
      INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
        SELECT lower(hex(randomblob(16))), 'original', so.source_id || '~' || so.sha256, 'upsert',
               json_object('source_id', so.source_id, 'sha256', so.sha256, 'file_name', so.file_name, 'captured_at', so.captured_at),
               0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
          FROM source_originals so JOIN sync_rows r ON r.entity = 'source' AND r.id = so.source_id
         ORDER BY so.captured_at, so.source_id, so.sha256;
      INSERT INTO sync_rows (entity, id, team_id, version, origin)
        SELECT 'original', so.source_id || '~' || so.sha256, r.team_id, 0, 'local'
          FROM source_originals so JOIN sync_rows r ON r.entity = 'source' AND r.id = so.source_id;
    `);
  },
};

/** Makes `table` anew with `columns`, its rows copied over in their order. */
function rebuild(db: Parameters<Migration['up']>[0], table: string, columns: string, options: string): void {
  db.exec(`
    CREATE TABLE ${table}_new (
        ${columns}
      ) ${options};
    INSERT INTO ${table}_new SELECT * FROM ${table};
    DROP TABLE ${table};
    ALTER TABLE ${table}_new RENAME TO ${table};
  `);
}
