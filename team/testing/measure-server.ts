/**
 * Quick figures for the team server on a throwaway cluster (not a unit test, not the bench):
 * push 100 mutations and pull them back; pull 100,000 rows seeded in SQL, in pages.
 *
 *   npx esbuild team/testing/measure-server.ts --bundle --platform=node --format=esm \
 *     --external:pg-native --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
 *     --outfile=/tmp/measure-server.mjs && node /tmp/measure-server.mjs
 */
import { pull, push } from '../server';
import { startCluster } from './pg-cluster';
import { mutation, teamFixture } from './team-fixture';

const PAGE = 5_000;

const cluster = await startCluster();
try {
  const fx = await teamFixture(cluster);
  const { s: ann } = await fx.member('ann', 'editor', 'S');
  const { s: ben } = await fx.member('ben', 'reader', 'S');

  const batch = Array.from({ length: 100 }, (_, i) =>
    mutation('fact', `f-${i}`, { text: `Fact number ${i} with a sentence of ordinary length.`, marking: i % 2 ? 'U' : 'CUI', page: i }, 0),
  );
  let t = performance.now();
  await push(ann, fx.teamId, 'lib-ann', batch);
  const pushMs = performance.now() - t;
  t = performance.now();
  const back = await pull(ben, fx.teamId, '', 1_000);
  const pullMs = performance.now() - t;
  console.log(`push 100 mutations: ${pushMs.toFixed(0)} ms; pull them back (${back.rows.length} rows): ${pullMs.toFixed(0)} ms`);

  // 100,000 rows through the real trigger (rank, version, history, change log), as the owner.
  t = performance.now();
  await fx.admin.query(
    `INSERT INTO dossier.rows (team_id, entity, id, data)
     SELECT $1, 'fact', 'seed-' || g,
            jsonb_build_object('text', 'Seeded fact ' || g || ' with a sentence of ordinary length for a policy brief.',
                               'marking', CASE WHEN g % 10 = 0 THEN 'S//NF' ELSE 'U' END, 'sourceId', 'src-' || (g % 500))
       FROM generate_series(1, 100000) g`,
    [fx.teamId],
  );
  await fx.admin.query('ANALYZE');
  console.log(`seed 100,000 rows in SQL: ${(performance.now() - t).toFixed(0)} ms`);

  for (const [who, s] of [
    ['reader (S)', ben],
    ['editor (S)', ann],
  ] as const) {
    t = performance.now();
    let cursor = '';
    let rows = 0;
    let pages = 0;
    for (let more = true; more; pages++) {
      const p = await pull(s, fx.teamId, cursor, PAGE);
      rows += p.rows.length;
      ({ cursor, more } = p);
    }
    console.log(`first pull of ${rows} rows as ${who}, ${pages} pages of ${PAGE}: ${(performance.now() - t).toFixed(0)} ms`);
  }
  const { s: low } = await fx.member('lou', 'reader', 'CUI');
  t = performance.now();
  let cursor = '';
  let rows = 0;
  let gone = 0;
  for (let more = true; more;) {
    const p = await pull(low, fx.teamId, cursor, PAGE);
    rows += p.rows.length;
    gone += p.gone.length;
    ({ cursor, more } = p);
  }
  console.log(`first pull as reader (CUI): ${rows} rows, ${gone} not visible: ${(performance.now() - t).toFixed(0)} ms`);
  await fx.close();
} finally {
  cluster.stop();
}
