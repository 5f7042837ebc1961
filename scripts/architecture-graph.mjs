// Draws the rooms and the imports between them into ARCHITECTURE.md (between the graph
// markers) from dependency-cruiser's own output: `node scripts/architecture-graph.mjs`.
// The same run that checks the rules (`npm run lint:deps`) knows every import; this folds them
// to the top-level folders and writes a Mermaid graph, so the picture cannot drift from the code.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROOMS = ['core', 'db', 'ingest', 'citations', 'export', 'team', 'api', 'renderer', 'electron', 'cli', 'samples'];
const json = execFileSync(
  process.execPath,
  [
    `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`,
    ...ROOMS,
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'json',
    '--include-only',
    `^(${ROOMS.join('|')}|templates)/`,
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
const room = (path) => path.split('/')[0];
const edges = new Map();
for (const m of JSON.parse(json).modules) {
  for (const d of m.dependencies) {
    const [from, to] = [room(m.source), room(d.resolved)];
    if (from === to || !ROOMS.includes(from) || !ROOMS.includes(to)) continue;
    const key = `${from} --> ${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}
const lines = ['```mermaid', 'graph TD', ...[...edges].sort().map(([e, n]) => `  ${e.replace(' --> ', ` -->|${n}| `)}`), '```'];
const doc = readFileSync(`${root}ARCHITECTURE.md`, 'utf8');
const start = '<!-- graph:start -->';
const end = '<!-- graph:end -->';
const text = `${start}\nThe imports between rooms today, counted per file (from \`node scripts/architecture-graph.mjs\`):\n\n${lines.join('\n')}\n${end}`;
writeFileSync(`${root}ARCHITECTURE.md`, doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), text));
console.log(`${edges.size} edges between ${ROOMS.length} rooms written to ARCHITECTURE.md`);
