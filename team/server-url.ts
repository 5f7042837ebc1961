import { invalid } from '../core/errors';

/**
 * Team server addresses are PostgreSQL connection strings (postgresql://user@host:port/db?…).
 * What the library keeps and what messages show never include a password.
 */
function parse(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid('server', `"${url.replace(/:[^@/]*@/, ':…@')}" is not a connection string; e.g. postgresql://you@db.office.example/dossier`);
  }
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:')
    throw invalid('server', `a team server is a PostgreSQL connection string starting postgresql://, not ${u.protocol}//`);
  if (!u.username) throw invalid('server', 'the connection string names no user, e.g. postgresql://you@db.office.example/dossier');
  return u;
}

export function withoutPassword(url: string): string {
  const u = parse(url);
  u.password = '';
  return u.toString();
}

/** "user@host:port/database", for messages. */
export function serverAddress(url: string): string {
  const u = parse(url);
  return `${decodeURIComponent(u.username)}@${u.hostname}:${u.port || '5432'}${u.pathname}`;
}
