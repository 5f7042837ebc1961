import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type PgCluster } from '../testing/pg-cluster';
import { openServer, type TeamServer } from '.';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startCluster({ tls: true });
});
afterAll(() => cluster?.stop());

async function encrypted(s: TeamServer): Promise<boolean> {
  const r = await s.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  await s.close();
  return r.rows[0]?.ssl ?? false;
}

describe('TLS, as the connection string says (libpq meanings)', () => {
  it('sslmode=require encrypts, even with a certificate it cannot check', async () => {
    expect(await encrypted(await openServer({ url: `${cluster.url}?sslmode=require` }))).toBe(true);
  });

  it('sslmode=verify-full checks the certificate against sslrootcert and the host name', async () => {
    const root = encodeURIComponent(cluster.certFile ?? '');
    expect(await encrypted(await openServer({ url: `${cluster.url}?sslmode=verify-full&sslrootcert=${root}` }))).toBe(true);
  });

  it('refuses a certificate it cannot trust, saying so', async () => {
    await expect(openServer({ url: `${cluster.url}?sslmode=verify-full` })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: expect.stringContaining('certificate'),
    });
  });

  it('reports a missing sslrootcert file as a bad server setting', async () => {
    await expect(openServer({ url: `${cluster.url}?sslmode=verify-full&sslrootcert=/nonexistent/root.crt` })).rejects.toMatchObject({
      code: 'validation',
      field: 'server',
    });
  });

  it('without sslmode the connection is plain, as node-postgres and the URL say', async () => {
    expect(await encrypted(await openServer({ url: cluster.url }))).toBe(false);
  });
});
