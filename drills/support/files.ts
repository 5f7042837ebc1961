import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseXml } from '../../citations/xml-tree';
import { readZip } from '../../export/docx/zip';

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The sha256 of a path, or a marker for what is there instead of a file. */
export function fingerprint(path: string): string {
  if (!existsSync(path)) return 'absent';
  if (statSync(path).isDirectory()) return 'directory';
  return sha256(path);
}

/** `PRAGMA integrity_check` on a file, opened the way SQLite recovers it (a -wal is replayed). */
export function integrity(path: string, options: { readonly?: boolean } = {}): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: true });
    const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    return rows.join('; ');
  } catch (e) {
    return `cannot open: ${(e as Error).message}`;
  } finally {
    db?.close();
  }
}

/** Characters XML 1.0 does not allow at all, even escaped (Word refuses the file). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a file is not a complete, well-formed .docx: not a ZIP, no word/document.xml, or an XML
 * part that does not parse (our strict reader) or holds characters XML forbids. Undefined when fine.
 */
export function docxProblem(path: string): string | undefined {
  let entries;
  try {
    entries = readZip(readFileSync(path));
  } catch (e) {
    return `not a ZIP: ${(e as Error).message}`;
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) return 'no word/document.xml';
  for (const e of entries) {
    if (!/\.(xml|rels)$/.test(e.name)) continue;
    const xml = e.data.toString('utf8');
    const bad = NOT_XML.exec(xml);
    if (bad) return `${e.name}: character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`;
    try {
      parseXml(xml);
    } catch (err) {
      return `${e.name}: ${(err as Error).message}`;
    }
  }
  return undefined;
}

/**
 * Temporary files Dossier's own writers leave when killed: backups' `*.partial-PID` (and the
 * journal SQLite keeps beside one), atomic writes' `.NAME.PID.HEX.tmp`.
 */
const LEFTOVER = /\.partial-\d+(?:-journal|-wal|-shm)?$|^\..+\.\d+\.[0-9a-f]+\.tmp$/;

export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => LEFTOVER.test(n));
}

/**
 * Journals Dossier moved aside instead of replaying them (issue 10 §1): `library.sqlite-wal.<date>…`.
 * The one place that knows the naming, so it is easy to adjust.
 */
export function journalsMovedAside(libraryPath: string, kind: 'wal' | 'shm' = 'wal'): string[] {
  const prefix = `${basename(libraryPath)}-${kind}.`;
  const dir = dirname(libraryPath);
  return readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && /\d{4}-?\d{2}-?\d{2}/.test(n.slice(prefix.length)))
    .map((n) => join(dir, n));
}
