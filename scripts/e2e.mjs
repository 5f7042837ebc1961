// Runs the Playwright end-to-end tests (or, with --bench, the workspace benchmark) in Debian's Chromium. Where that browser is missing on a
// developer's machine the run says so in one line and stops; on CI (CI=true) it is required.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const msg = `e2e: Chromium not found at ${chromium} (apt-get install chromium, or set DOSSIER_CHROMIUM)`;
  if (process.env.CI === 'true') {
    console.error(`${msg}; CI requires it.`);
    process.exit(1);
  }
  console.log(`${msg}; end-to-end tests skipped.`);
  process.exit(0);
}
// `--bench`: the workspace benchmark (e2e/bench) instead of the tests.
const bench = process.argv.includes('--bench');
const config = bench ? 'e2e/bench/playwright.bench.config.ts' : 'e2e/playwright.config.ts';
const args = process.argv.slice(2).filter((a) => a !== '--bench');
const r = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', config, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
