#!/usr/bin/env node
// The built command line lives in dist/ (made by `npm run build`, which `npm install` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/dossier.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('dossier: not built yet; run `npm run build` in the Dossier folder first\n');
  process.exit(2);
}
await import(entry.href);
