import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a fresh temp folder, SCRAM passwords,
 * superuser `dossier`, a free loopback port and the unix socket inside the folder, so no test
 * ever touches a real server. PostgreSQL refuses to run as root (CI runs as root): then every
 * server command runs as the `postgres` user, who owns the folder.
 *
 * `stop()` always runs: from afterAll, and from a process 'exit' hook so a test file that
 * crashed leaves no server behind.
 */
export interface PgCluster {
  /** The superuser's connection string to the `postgres` database, password included. */
  url: string;
  adminUser: string;
  password: string;
  port: number;
  /** With `tls`: the server's self-signed certificate (CN and IP 127.0.0.1), to trust as sslrootcert. */
  certFile?: string;
  /** A connection string to `database` on this cluster, as `user` (the superuser by default). */
  urlFor(database: string, user?: string, password?: string): string;
  /** CREATE DATABASE with a fresh name; returns the superuser's connection string to it. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): void;
}

const ADMIN = 'dossier';

export async function startCluster(opts: { tls?: boolean } = {}): Promise<PgCluster> {
  const bin = findBinaries();
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'dossier-pg-'));
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asPostgres) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const cmd = join(bin, tool);
    const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    try {
      execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    } catch (e) {
      const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
      throw new Error(`${tool} failed: ${err.stderr?.toString() || err.stdout?.toString() || err.message}`, { cause: e });
    }
  };

  const data = join(dir, 'data');
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.on('exit', stop);

  try {
    // --no-sync and fsync=off: a test cluster is thrown away, durability buys nothing here.
    run('initdb', ['-D', data, '-A', 'scram-sha-256', '--pwfile', pwfile, '-U', ADMIN, '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    let options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=60`;
    const certFile = opts.tls ? selfSignedCert(dir, asPostgres) : undefined;
    if (certFile) options += ` -c ssl=on -c ssl_cert_file=${certFile} -c ssl_key_file=${join(dir, 'server.key')}`;
    // -w waits until the server accepts connections: no sleeping and hoping.
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    const urlFor = (database: string, user = ADMIN, pw = password): string =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    let made = 0;
    return {
      url: urlFor('postgres'),
      adminUser: ADMIN,
      password,
      port,
      ...(certFile ? { certFile } : {}),
      urlFor,
      async createDatabase(prefix = 'test') {
        made += 1;
        const name = `${prefix}_${made}`;
        const client = new pg.Client({ connectionString: urlFor('postgres') });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return urlFor(name);
      },
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/** A throwaway key and self-signed certificate for 127.0.0.1; the key readable by the server only. */
function selfSignedCert(dir: string, asPostgres: boolean): string {
  const key = join(dir, 'server.key');
  const cert = join(dir, 'server.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    {
      stdio: 'ignore',
    },
  );
  chmodSync(key, 0o600);
  if (asPostgres) {
    const { uid, gid } = postgresUser();
    chownSync(key, uid, gid);
    chownSync(cert, uid, gid);
  }
  return cert;
}

/** The newest /usr/lib/postgresql/N/bin (Debian), else the first folder on PATH with pg_ctl and initdb; undefined when PostgreSQL is not installed. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && existsSync(join(folder, 'pg_ctl')) && existsSync(join(folder, 'initdb'))) return folder;
  }
  return undefined;
}

function findBinaries(): string {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or on PATH: install postgresql');
  return bin;
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, and there is no `postgres` user to run the test cluster (PostgreSQL refuses to run as root)');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
