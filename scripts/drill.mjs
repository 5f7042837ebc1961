// `npm run drill`: the reliability drills (drills/) at their long length — more kills, every
// hostile value through every importer, more random documents. `npm test` runs them bounded.
// Figures go to drill-figures.jsonl (one JSON line per drill) for RELIABILITY.md.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const env = { ...process.env, DOSSIER_DRILL: 'long', DOSSIER_DRILL_FIGURES: process.env.DOSSIER_DRILL_FIGURES ?? 'drill-figures.jsonl' };
rmSync(env.DOSSIER_DRILL_FIGURES, { force: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(npx, ['vitest', 'run', 'drills', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
