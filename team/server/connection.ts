import pg from 'pg';
import { DossierError, errorCode } from '../../core/errors';

/**
 * One connection to a team server, as one PostgreSQL role: the server decides what that role
 * may see and do (row-level security), so every team operation runs on the user's own login.
 * Errors from `pg` become DossierErrors a shell can show: unreachable, refused login, forbidden.
 */
export class TeamServer {
  private broken: DossierError | null = null;

  constructor(
    private readonly client: pg.Client,
    /** host:port, for messages. */
    readonly where: string,
  ) {
    // A server that goes away between queries emits 'error' on the client; without a listener
    // Node would crash the process. The next query reports it.
    client.on('error', (e) => {
      this.broken = unreachable(where, e);
    });
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    if (this.broken) throw this.broken;
    try {
      return await this.client.query<R>(sql, params);
    } catch (e) {
      throw serverError(this.where, e);
    }
  }

  /** Runs `work` in one transaction; rolled back on any error. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await work();
      await this.query('COMMIT');
      return result;
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

export interface OpenOptions {
  /** A PostgreSQL connection string; TLS as its sslmode says (node-postgres reads it). */
  url: string;
  /** Overrides a password in the URL (the CLI's environment variable, the app's keychain). */
  password?: string;
  connectTimeoutMs?: number;
}

export async function openServer(opts: OpenOptions): Promise<TeamServer> {
  const where = hostPort(opts.url);
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString: connectionString(opts.url, opts.password),
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      application_name: 'dossier',
    });
  } catch (e) {
    // node-postgres reads sslrootcert, sslcert and sslkey files as it parses the URL.
    throw new DossierError('validation', `server: ${e instanceof Error ? e.message : String(e)}`, 'server');
  }
  // Errors during connect are also emitted; connect() rejects with them and we map them there.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw serverError(where, e);
  }
  return new TeamServer(client, where);
}

/** The host and port a connection string names ("host:port"), for messages; never the password. */
function hostPort(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}:${u.port || '5432'}`;
  } catch {
    throw new DossierError('validation', 'server: not a PostgreSQL connection string (postgres://user@host:port/database)', 'server');
  }
}

/**
 * The URL as node-postgres should read it. sslmode means what libpq (psql, pg_dump) takes it to
 * mean, so one connection string serves the admin's tools and Dossier alike: require encrypts,
 * verify-ca checks the certificate against sslrootcert, verify-full also the host name.
 * (node-postgres 8 otherwise treats require as verify-full and warns; its next major version
 * adopts libpq's meaning.) A password given separately replaces one in the URL: node-postgres
 * lets the URL's, even an empty one, win over its `password` option.
 */
function connectionString(url: string, password: string | undefined): string {
  const u = new URL(url);
  if (u.searchParams.has('sslmode') && !u.searchParams.has('uselibpqcompat')) u.searchParams.set('uselibpqcompat', 'true');
  if (password !== undefined) u.password = encodeURIComponent(password);
  return u.toString();
}

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

/** Maps a `pg` or socket error to the DossierError a person is shown. */
function serverError(where: string, e: unknown): Error {
  if (e instanceof DossierError) return e;
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  // 28P01 wrong password, 28000 no such role or not allowed by pg_hba.
  // Errors without a SQLSTATE come from the client library or the socket.
  const fromClient = !/^[0-9A-Z]{5}$/.test(code);
  if (code === '28P01' || code === '28000' || (fromClient && /SASL|SCRAM|password/i.test(message))) {
    return new DossierError('server_auth', `the team server at ${where} refused the user name or password`);
  }
  // 42501 insufficient privilege (RLS, grants, our own checks).
  if (code === '42501') return new DossierError('forbidden', `the team server refused: ${message}`);
  if (code === 'P0002') return new DossierError('not_found', message);
  if (code === '22023') {
    const field = /^(\w+): /.exec(message)?.[1];
    return new DossierError('validation', message, field);
  }
  if (TLS_TRUST_CODES.has(code)) {
    return new DossierError(
      'server_unreachable',
      `the team server at ${where} presented a certificate this computer does not trust (${code}): name its CA with sslrootcert, or check the host name`,
    );
  }
  if (code === '3D000') return new DossierError('server_unreachable', `the team server at ${where} has no such database (${message})`);
  if (UNREACHABLE_CODES.has(code) || code.startsWith('08') || code === '57P01' || (fromClient && /timeout|terminated|connection|SSL/i.test(message))) {
    return unreachable(where, e);
  }
  return e instanceof Error ? e : new Error(message);
}

function unreachable(where: string, e: unknown): DossierError {
  const reason = e instanceof Error ? e.message : String(e);
  return new DossierError('server_unreachable', `cannot reach the team server at ${where}: ${reason}`);
}
