import type { Database } from 'better-sqlite3';
import { readSyncColumns, SYNC_TABLES, type SyncColumn, type SyncTable, syncTable } from './sync-tables';

/**
 * The outbox triggers (issue 16): every change to a shared row is recorded by SQLite itself,
 * in the statement that makes it, so no write path (the app, the command line, an importer, a
 * merge) can forget one, and a rolled-back write takes its record with it.
 *
 * Generated from db/migrations/sync-tables.ts, not written out per column. Each trigger:
 * - fires only while `sync_applying.active = 0` (apply and packs set it, so nothing echoes)
 *   and only for a row in `sync_rows`; the test on `sync_applying` comes first, so a bulk
 *   import of personal facts pays one indexed look-up per tag link and nothing per fact
 *   (there is no INSERT trigger on facts or sources: a new row is personal);
 * - records just the fields that changed, with their new values (JSON), against the version
 *   in `sync_rows`; a delete records op 'delete' and unshares the row.
 * A fact's `tags` and a briefing's `body` live in other tables: their triggers record the
 * field with a null value, and the outbox reader (db/repo/sync-outbox.ts) puts the current
 * value in. Computing a briefing's whole body in a trigger on every item would cost more
 * than the write itself.
 */
export function createSyncTriggers(db: Database): void {
  dropSyncTriggers(db);
  for (const t of SYNC_TABLES) {
    const cols = readSyncColumns(db, t);
    db.exec(updateTrigger(t, cols) + deleteTrigger(t));
  }
  const [source, fact, link] = SYNC_TABLES.slice(0, 3).map((t) => readSyncColumns(db, t));
  const original = readSyncColumns(db, syncTable('original'));
  db.exec(tagTriggers() + bodyTriggers() + linkInsertTrigger(SYNC_TABLES[2], link) + originalInsertTrigger(original));
  db.exec(factSourceTrigger({ source, original }) + citedFactTriggers({ source, fact, link, original }));
}

/** Drops every outbox trigger (a migration rebuilding a table they name drops them first). */
export function dropSyncTriggers(db: Database): void {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'").pluck().all() as string[];
  for (const n of names) db.exec(`DROP TRIGGER ${n}`);
}

const APPLYING_OFF = '(SELECT active FROM sync_applying) = 0';
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
const MUTATION_ID = 'lower(hex(randomblob(16)))';

function shared(entity: string, id: string): string {
  return `EXISTS (SELECT 1 FROM sync_rows WHERE entity = '${entity}' AND id = ${id})`;
}

/** One mutation for the shared row `id` (none when it is not shared), based on its version. */
function queue(entity: string, id: string, op: 'upsert' | 'delete', fields: string, also = ''): string {
  return `INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
    SELECT ${MUTATION_ID}, r.entity, r.id, '${op}', m.fields, r.version, ${NOW}
    FROM sync_rows r, (SELECT ${fields} AS fields) m
    WHERE r.entity = '${entity}' AND r.id = ${id}${also};\n`;
}

function value(row: string, c: SyncColumn): string {
  return c.json ? `json(${row}.${c.name})` : `${row}.${c.name}`;
}

/** Every travelling column of `row` as one JSON object (a derived field as null: read later). */
function fullData(row: string, cols: readonly SyncColumn[], derived?: string): string {
  const pairs = cols.map((c) => `'${c.name}', ${value(row, c)}`);
  if (derived) pairs.push(`'${derived}', NULL`);
  return `json_object(${pairs.join(', ')})`;
}

/** The columns whose value changed, with their new values; '{}' when none did. */
function changedData(cols: readonly SyncColumn[]): string {
  const removals = cols.map((c) => `CASE WHEN new.${c.name} IS old.${c.name} THEN '$.${c.name}' ELSE '$.__changed' END`);
  return `json_remove(${fullData('new', cols)}, ${removals.join(', ')})`;
}

function updateTrigger(t: SyncTable, cols: readonly SyncColumn[]): string {
  return `CREATE TRIGGER sync_${t.table}_au AFTER UPDATE OF ${cols.map((c) => c.name).join(', ')} ON ${t.table}
    WHEN ${APPLYING_OFF} AND ${shared(t.entity, t.key('old'))}
    BEGIN
      ${queue(t.entity, t.key('old'), 'upsert', changedData(cols), " AND m.fields <> '{}'")}
    END;\n`;
}

/** Always unshares a deleted row (apply deletes too); records the delete only for a local one. */
function deleteTrigger(t: SyncTable): string {
  return `CREATE TRIGGER sync_${t.table}_ad AFTER DELETE ON ${t.table}
    WHEN ${shared(t.entity, t.key('old'))}
    BEGIN
      ${queue(t.entity, t.key('old'), 'delete', "'{}'", ` AND ${APPLYING_OFF}`)}
      DELETE FROM sync_rows WHERE entity = '${t.entity}' AND id = ${t.key('old')};
    END;\n`;
}

/**
 * A fact's tags: linking, unlinking and renaming a tag record the fact's `tags`. A link
 * removed because its fact is being deleted finds no fact row and records nothing.
 */
function tagTriggers(): string {
  const factOf = (row: string) => `(SELECT id FROM facts WHERE seq = ${row}.fact_seq)`;
  const tagsChanged = '\'{"tags":null}\'';
  const onLink = (when: 'INSERT' | 'DELETE', row: string) => `CREATE TRIGGER sync_fact_tags_${when === 'INSERT' ? 'ai' : 'ad'} AFTER ${when} ON fact_tags
    WHEN ${APPLYING_OFF} AND EXISTS (SELECT 1 FROM facts f JOIN sync_rows r ON r.entity = 'fact' AND r.id = f.id WHERE f.seq = ${row}.fact_seq)
    BEGIN
      ${queue('fact', factOf(row), 'upsert', tagsChanged)}
    END;\n`;
  return `${onLink('INSERT', 'new')}${onLink('DELETE', 'old')}
    CREATE TRIGGER sync_tags_au AFTER UPDATE OF name ON tags
    WHEN ${APPLYING_OFF} AND new.name IS NOT old.name COLLATE BINARY
    BEGIN
      INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
      SELECT ${MUTATION_ID}, 'fact', r.id, 'upsert', ${tagsChanged}, r.version, ${NOW}
      FROM fact_tags ft JOIN facts f ON f.seq = ft.fact_seq JOIN sync_rows r ON r.entity = 'fact' AND r.id = f.id
      WHERE ft.tag_seq = new.seq;
    END;\n`;
}

/**
 * A briefing's sections and items: any change records the briefing's `body`. Rows removed by
 * the briefing's own deletion find no briefing and record nothing (its delete says it all).
 * The cite rows are not watched: they are rewritten from an item's text, which is.
 */
function bodyTriggers(): string {
  const bodyChanged = '\'{"body":null}\'';
  const trigger = (table: string, when: 'INSERT' | 'UPDATE' | 'DELETE', briefing: string) => {
    const name = `sync_${table}_body_${when.toLowerCase()}`;
    return `CREATE TRIGGER ${name} AFTER ${when} ON ${table}
    WHEN ${APPLYING_OFF} AND ${shared('briefing', briefing)} AND EXISTS (SELECT 1 FROM briefings WHERE id = ${briefing})
    BEGIN
      ${queue('briefing', briefing, 'upsert', bodyChanged)}
    END;\n`;
  };
  const itemBriefing = (row: string) => `(SELECT briefing_id FROM briefing_sections WHERE id = ${row}.section_id)`;
  return [
    trigger('briefing_sections', 'INSERT', 'new.briefing_id'),
    trigger('briefing_sections', 'UPDATE', 'new.briefing_id'),
    trigger('briefing_sections', 'DELETE', 'old.briefing_id'),
    trigger('briefing_items', 'INSERT', itemBriefing('new')),
    trigger('briefing_items', 'UPDATE', itemBriefing('new')),
    trigger('briefing_items', 'DELETE', itemBriefing('old')),
  ].join('');
}

/** A link made between two shared facts is shared too, with the first fact's team. */
function linkInsertTrigger(t: SyncTable, cols: readonly SyncColumn[]): string {
  return `CREATE TRIGGER sync_corroborations_ai AFTER INSERT ON corroborations
    WHEN ${APPLYING_OFF} AND ${shared('fact', 'new.fact_a')} AND ${shared('fact', 'new.fact_b')}
    BEGIN
      INSERT OR IGNORE INTO sync_rows (entity, id, team_id, version, origin)
        SELECT 'link', ${t.key('new')}, team_id, 0, 'local' FROM sync_rows WHERE entity = 'fact' AND id = new.fact_a;
      ${queue('link', t.key('new'), 'upsert', fullData('new', cols))}
    END;\n`;
}

/**
 * An original attached to a shared source (a capture, a merge of sources) is shared with the
 * source's team: marked, and queued whole after the source's own share.
 */
function originalInsertTrigger(cols: readonly SyncColumn[]): string {
  const key = syncTable('original').key('new');
  return `CREATE TRIGGER sync_source_originals_ai AFTER INSERT ON source_originals
    WHEN ${APPLYING_OFF} AND ${shared('source', 'new.source_id')}
    BEGIN
      INSERT OR IGNORE INTO sync_rows (entity, id, team_id, version, origin)
        SELECT 'original', ${key}, team_id, 0, 'local' FROM sync_rows WHERE entity = 'source' AND id = new.source_id;
      ${queue('original', key, 'upsert', fullData('new', cols))}
    END;\n`;
}

/**
 * A shared fact moved to a personal source (or given a personal `via`) would point the team
 * at a row it does not have: the source is shared first, in the same statement (a BEFORE
 * trigger, so its full upsert is queued ahead of the fact's change).
 */
function factSourceTrigger(cols: SourceColumns): string {
  return `CREATE TRIGGER sync_facts_share_source BEFORE UPDATE OF source_id, via_source_id ON facts
    WHEN ${APPLYING_OFF} AND ${shared('fact', 'old.id')}
    BEGIN
      ${shareSources('new.source_id, new.via_source_id', "(SELECT team_id FROM sync_rows WHERE entity = 'fact' AND id = old.id)", cols)}
    END;\n`;
}

interface SourceColumns {
  source: readonly SyncColumn[];
  original: readonly SyncColumn[];
}

/**
 * Shares the personal sources among `ids` (an SQL list) with team `team`: marked, and queued
 * whole, each followed by its stored originals (a source goes with its originals).
 */
function shareSources(ids: string, team: string, cols: SourceColumns): string {
  const personal = `s.id IN (${ids}) AND NOT ${shared('source', 's.id')}`;
  const key = syncTable('original').key('so');
  const unshared = `so.source_id IN (${ids}) AND NOT ${shared('original', key)}`;
  return `INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
        SELECT ${MUTATION_ID}, 'source', s.id, 'upsert', ${fullData('s', cols.source)}, 0, ${NOW} FROM sources s WHERE ${personal};
      INSERT INTO sync_rows (entity, id, team_id, version, origin) SELECT 'source', s.id, ${team}, 0, 'local' FROM sources s WHERE ${personal};
      INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
        SELECT ${MUTATION_ID}, 'original', ${key}, 'upsert', ${fullData('so', cols.original)}, 0, ${NOW} FROM source_originals so WHERE ${unshared};
      INSERT INTO sync_rows (entity, id, team_id, version, origin) SELECT 'original', ${key}, ${team}, 0, 'local' FROM source_originals so WHERE ${unshared};`;
}

interface ShareColumns extends SourceColumns {
  fact: readonly SyncColumn[];
  link: readonly SyncColumn[];
}

/**
 * A shared briefing that places or cites a personal fact would send the team a body naming a
 * fact it does not have (and every other library would refuse it): the fact is shared with
 * it, as a first share would — its sources first, then the fact (its tags read with the
 * outbox), then its links to facts the team has — and the body is recorded again after it.
 */
function citedFactTriggers(cols: ShareColumns): string {
  const share = (fact: string, briefing: string) => {
    const team = `(SELECT team_id FROM sync_rows WHERE entity = 'briefing' AND id = ${briefing})`;
    const linked = `(c.fact_a = ${fact} AND ${shared('fact', 'c.fact_b')}) OR (c.fact_b = ${fact} AND ${shared('fact', 'c.fact_a')})`;
    return `${shareSources(`SELECT source_id FROM facts WHERE id = ${fact} UNION SELECT via_source_id FROM facts WHERE id = ${fact}`, team, cols)}
      INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
        SELECT ${MUTATION_ID}, 'fact', f.id, 'upsert', ${fullData('f', cols.fact, 'tags')}, 0, ${NOW} FROM facts f WHERE f.id = ${fact};
      INSERT INTO sync_rows (entity, id, team_id, version, origin) VALUES ('fact', ${fact}, ${team}, 0, 'local');
      INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at)
        SELECT ${MUTATION_ID}, 'link', c.fact_a || '~' || c.fact_b, 'upsert', ${fullData('c', cols.link)}, 0, ${NOW} FROM corroborations c WHERE ${linked};
      INSERT OR IGNORE INTO sync_rows (entity, id, team_id, version, origin)
        SELECT 'link', c.fact_a || '~' || c.fact_b, ${team}, 0, 'local' FROM corroborations c WHERE ${linked};`;
  };
  const when = (fact: string, briefing: string) =>
    `WHEN ${APPLYING_OFF} AND ${fact} IS NOT NULL AND NOT ${shared('fact', fact)} AND ${shared('briefing', briefing)}`;
  const itemBriefing = '(SELECT briefing_id FROM briefing_sections WHERE id = new.section_id)';
  const citeBriefing = '(SELECT s.briefing_id FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id WHERE i.id = new.item_id)';
  return `CREATE TRIGGER sync_briefing_items_share_fact_insert BEFORE INSERT ON briefing_items
    ${when('new.fact_id', itemBriefing)}
    BEGIN
      ${share('new.fact_id', itemBriefing)}
    END;
    CREATE TRIGGER sync_briefing_items_share_fact_update BEFORE UPDATE OF fact_id ON briefing_items
    ${when('new.fact_id', itemBriefing)}
    BEGIN
      ${share('new.fact_id', itemBriefing)}
    END;
    CREATE TRIGGER sync_briefing_cites_share_fact AFTER INSERT ON briefing_cites
    ${when('new.fact_id', citeBriefing)}
    BEGIN
      ${share('new.fact_id', citeBriefing)}
      ${queue('briefing', citeBriefing, 'upsert', '\'{"body":null}\'')}
    END;\n`;
}
