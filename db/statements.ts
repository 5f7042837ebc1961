import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement for this connection, compiled once and reused: preparing costs more
 * than running a typical insert, and bulk imports run the same few statements 100,000 times.
 */
export function stmt<R = unknown>(db: Db, sql: string): Statement<unknown[], R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Statement>()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s as Statement<unknown[], R>;
}
