/**
 * `node dist/bench/styles-coverage.js DIR [--shard i/n] [--limit N] [--json FILE]`
 *
 * The share of a folder of CSL styles (e.g. Debian's citation-style-language-styles:
 * /usr/share/citation-style-language/styles, independent styles on top, dependent/ below)
 * that `dossier styles add` accepts and that exports a valid .docx. Prints the figures and
 * the most common reasons for failure. --shard i/n takes every n-th file from the i-th, so
 * two processes can share the folder; --json writes each style's outcome.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Library } from '../db/library';
import { loadSample } from '../samples/load';
import { checkStyleFile, type StyleOutcome, summarise } from './style-coverage';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { shard: { type: 'string' }, limit: { type: 'string' }, json: { type: 'string' } },
});
const root = positionals[0];
if (!root) {
  console.error('usage: node dist/bench/styles-coverage.js DIR [--shard i/n] [--limit N] [--json FILE]');
  process.exit(2);
}

const csl = (dir: string) => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.csl'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};
let files = [...csl(root), ...csl(join(root, 'dependent'))];
if (values.shard) {
  const [i, n] = values.shard.split('/').map(Number) as [number, number];
  files = files.filter((_, k) => k % n === i);
}
if (values.limit) files = files.slice(0, Number(values.limit));

const work = mkdtempSync(join(tmpdir(), 'dossier-styles-'));
const lib = Library.open(join(work, 'library.sqlite'));
const started = performance.now();
const outcomes: StyleOutcome[] = [];
try {
  const briefingId = loadSample(lib, new Date('2025-02-01T12:00:00Z'));
  const ctx = { lib, briefingId, workDir: work, parentDirs: [root] };
  for (const [n, file] of files.entries()) {
    outcomes.push(await checkStyleFile(file, ctx, n));
    if ((n + 1) % 250 === 0) console.error(`${n + 1}/${files.length}`);
  }
} finally {
  lib.close();
  rmSync(work, { recursive: true, force: true });
}

const s = summarise(outcomes);
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
console.log(`Styles in ${root}: ${s.total} (${s.total - s.dependent.total} independent, ${s.dependent.total} dependent)`);
console.log(
  `accepted by styles add   ${s.accepted} (${pct(s.accepted, s.total)}); dependent ${s.dependent.accepted}/${s.dependent.total} (${pct(s.dependent.accepted, s.dependent.total)})`,
);
console.log(
  `valid .docx exported     ${s.valid} (${pct(s.valid, s.total)}); dependent ${s.dependent.valid}/${s.dependent.total} (${pct(s.dependent.valid, s.dependent.total)})`,
);
console.log(`time                     ${((performance.now() - started) / 1000).toFixed(0)} s`);
const reasons = new Map<string, number>();
for (const o of outcomes.filter((x) => !x.valid)) {
  // The reason without the file name and quoted specifics, so alike failures group.
  const key = (o.error ?? '')
    .replace(/^[^:]+\.csl: /, '')
    .replace(/"[^"]*"|http\S+/g, '…')
    .slice(0, 110);
  reasons.set(key, (reasons.get(key) ?? 0) + 1);
}
for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(count).padStart(5)}  ${reason}`);
if (values.json) writeFileSync(values.json, JSON.stringify(outcomes, null, 1));
