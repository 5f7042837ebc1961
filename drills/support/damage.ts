import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from './rng';

/** The read commands the damage drill runs against each damaged library. */
export const READS = ['facts', 'sources', 'check', 'export'] as const;
export type Read = (typeof READS)[number];

/** The exit codes a read may end with: 2 (refused in one line) unless the read is legitimately fine. */
type Exits = Record<Read, readonly number[]>;
const REFUSED: Exits = { facts: [2], sources: [2], check: [2], export: [2] };
/** The damage is real but away from what the read touches; `check` must still find it. */
const CHECK_FINDS: Exits = { facts: [0, 2], sources: [0, 2], check: [2], export: [0, 2] };
/** A journal that does not belong: moved aside (then the read works) or refused. */
const JOURNAL: Exits = { facts: [0, 2], sources: [0, 2], check: [0, 2], export: [0, 2] };
const FINE: Exits = { facts: [0], sources: [0], check: [0], export: [0] };

interface Damaged {
  /** Set when this kind cannot be made here, with the reason. */
  skip?: string;
  /** Run the reads as this user (root ignores file permissions). */
  uid?: number;
}

export interface DamageKind {
  name: string;
  exits: Exits;
  /** Damages the library at `lib` (a healthy copy in its own folder `dir`) in place. */
  apply(lib: string, ctx: { rng: Rng; dir: string }): Damaged | void;
}

const PAGE = 4096;

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

const garbage = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(256)));
const middlePage = (lib: string) => Math.floor(statSync(lib).size / PAGE / 2);

/** Edits (or creates) a database with plain SQLite (no Dossier code), leaving it a single file again. */
function edit(lib: string, sql: (db: Database.Database) => void): void {
  const db = new Database(lib);
  try {
    sql(db);
  } finally {
    db.close();
  }
}

/** The -wal of `lib` as it stands after `write`, taken while the writer still has it open. */
function capturedWal(lib: string, write: (db: Database.Database) => void): Buffer {
  const db = new Database(lib, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    write(db);
    return readFileSync(`${lib}-wal`);
  } finally {
    // A clean close would checkpoint the journal into the file; the drill wants it left as a crash leaves it.
    db.close();
  }
}

function moreFacts(db: Database.Database): void {
  db.exec(`INSERT INTO facts (id, source_id, text, text_hash, kind, created_at, updated_at)
           SELECT id || 'x', source_id, text || ' (later edit)', randomblob(16), kind, created_at, updated_at FROM facts LIMIT 50`);
}

/**
 * Garbage in the search index's own blocks, with the file's page structure intact. SQLite will not
 * let even a plain connection write FTS5 shadow tables (defensive mode), so the drill finds the
 * blocks' bytes in the file and overwrites them there, as a bad sector or a stray write would.
 */
function corruptIndexBlocks(lib: string, rng: Rng): Damaged | void {
  let blocks: Buffer[] = [];
  edit(lib, (db) => {
    blocks = db.prepare('SELECT block FROM fact_search_data WHERE id > 10 AND length(block) >= 64').pluck().all() as Buffer[];
  });
  const file = readFileSync(lib);
  let hit = 0;
  for (const block of blocks) {
    // A slice from the block's start: long blocks continue on overflow pages elsewhere in the file.
    const b = block.subarray(8, 56);
    const at = file.indexOf(b);
    if (at < 0) continue;
    garbage(rng, b.length).copy(file, at);
    hit++;
  }
  if (hit === 0) return { skip: 'no search-index block found in the file to overwrite' };
  writeFileSync(lib, file);
  return undefined;
}

export const DAMAGE: DamageKind[] = [
  { name: 'truncated to half its size', exits: REFUSED, apply: (lib) => truncateSync(lib, Math.floor(statSync(lib).size / 2) + 123) },
  { name: 'truncated inside the header', exits: REFUSED, apply: (lib) => truncateSync(lib, 60) },
  { name: 'zeroed header', exits: REFUSED, apply: (lib) => overwrite(lib, 0, Buffer.alloc(100)) },
  { name: 'garbage header', exits: REFUSED, apply: (lib, { rng }) => overwrite(lib, 0, garbage(rng, 100)) },
  { name: 'zeroed page in the middle', exits: CHECK_FINDS, apply: (lib) => overwrite(lib, middlePage(lib) * PAGE, Buffer.alloc(PAGE)) },
  { name: 'garbage page in the middle', exits: CHECK_FINDS, apply: (lib, { rng }) => overwrite(lib, middlePage(lib) * PAGE, garbage(rng, PAGE)) },
  { name: 'zeroed schema page', exits: REFUSED, apply: (lib) => overwrite(lib, 100, Buffer.alloc(PAGE - 100)) },
  { name: 'wrong application_id', exits: REFUSED, apply: (lib) => edit(lib, (db) => db.pragma('application_id = 1234')) },
  { name: 'future user_version', exits: REFUSED, apply: (lib) => edit(lib, (db) => db.pragma('user_version = 99')) },
  {
    name: 'an SQLite database that is not a Dossier library',
    exits: REFUSED,
    apply: (lib) => {
      rmSync(lib);
      edit(lib, (db) => db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('someone else''s data');"));
    },
  },
  { name: '0-byte file', exits: REFUSED, apply: (lib) => truncateSync(lib, 0) },
  { name: 'no file at the path', exits: REFUSED, apply: (lib) => rmSync(lib) },
  {
    name: 'a directory at the path',
    exits: REFUSED,
    apply: (lib) => {
      rmSync(lib);
      mkdirSync(lib);
    },
  },
  {
    name: 'leftover -wal from another database',
    exits: JOURNAL,
    apply: (lib, { dir }) => {
      const other = join(dir, 'other.sqlite');
      edit(other, (db) => db.exec('CREATE TABLE t (x BLOB)'));
      const wal = capturedWal(other, (db) => db.prepare('INSERT INTO t VALUES (randomblob(3000))').run());
      writeFileSync(`${lib}-wal`, wal);
      rmSync(other, { force: true });
    },
  },
  {
    name: 'stale -wal beside a restored older file',
    exits: JOURNAL,
    apply: (lib, { dir }) => {
      // The library as it was at the backup; then it moves on in WAL mode, crashes, and the user copies the backup back.
      const older = join(dir, 'older.sqlite');
      copyFileSync(lib, older);
      edit(lib, (db) => db.exec("UPDATE facts SET text = text || ' (revised)' WHERE rowid % 3 = 0"));
      const wal = capturedWal(lib, moreFacts);
      copyFileSync(older, lib);
      rmSync(older);
      writeFileSync(`${lib}-wal`, wal);
    },
  },
  { name: 'a -shm alone', exits: FINE, apply: (lib) => writeFileSync(`${lib}-shm`, Buffer.alloc(32768)) },
  { name: 'search index table dropped', exits: CHECK_FINDS, apply: (lib) => edit(lib, (db) => db.exec('DROP TABLE fact_search')) },
  {
    name: 'search index shadow table corrupt',
    exits: CHECK_FINDS,
    apply: (lib, { rng }) => corruptIndexBlocks(lib, rng),
  },
  {
    name: 'broken foreign keys written with foreign_keys=OFF',
    exits: CHECK_FINDS,
    apply: (lib) =>
      edit(lib, (db) => {
        db.pragma('foreign_keys = OFF');
        db.exec("UPDATE facts SET source_id = 'no-such-source' WHERE rowid % 10 = 0");
      }),
  },
  {
    name: 'read-only file in a read-only folder',
    exits: FINE,
    apply: (lib, { dir }) => {
      chmodSync(lib, 0o444);
      chmodSync(dir, 0o555);
      // Root ignores permissions: the reads run as an unprivileged user, for whom they hold.
      if (process.getuid?.() === 0) return { uid: 65534 };
      return undefined;
    },
  },
];
