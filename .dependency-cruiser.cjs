/**
 * The layering of Dossier's folders (ARCHITECTURE.md), checked by `npm run lint:deps` in
 * `npm test`. Type-only imports count (tsPreCompilationDeps). Test helpers — `testing/`
 * folders, `testing.*.ts` files and `*.test.ts` — may reach across layers.
 */
// templates/ is data (JSON), read by every layer; it is not in the list.
const OURS = [
  'core',
  'db',
  'ingest',
  'citations',
  'export',
  'team',
  'api',
  'renderer',
  'electron',
  'cli',
  'samples',
  'bench',
  'drills',
  'e2e',
  'scripts',
  'bin',
];

/** What each folder may import besides itself. */
const MAY_IMPORT = {
  core: [],
  db: ['core'],
  ingest: ['core', 'db'],
  citations: ['core'],
  // ingest/index.ts is the one door into the text detectors (mail addresses, quotes …).
  export: ['core', 'db', 'citations', 'ingest/index\\.ts$'],
  // team/: the team server (PostgreSQL), sync and fact packs, over the local library.
  team: ['core', 'db'],
  api: ['core', 'db', 'ingest', 'citations', 'export', 'team', 'samples'],
  renderer: ['api', 'core'],
  electron: ['api', 'core'],
  cli: ['core', 'db', 'ingest', 'citations', 'export', 'team', 'api', 'samples'],
  samples: ['core', 'db', 'citations', 'export'],
};

const TEST_HELPER = '(^|/)(testing/|testing\\.[^/]*$)|\\.test\\.tsx?$';

const layerRules = Object.entries(MAY_IMPORT).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  severity: 'error',
  comment: `${folder}/ may import ${allowed.length ? allowed.map((a) => a.replace(/\\\\\./g, '.').replace(/\$$/, '')).join(', ') : 'nothing of ours'} (ARCHITECTURE.md)`,
  from: { path: `^${folder}/`, pathNot: TEST_HELPER },
  to: {
    path: `^(${OURS.join('|')})/`,
    pathNot: [`^${folder}/`, ...allowed.map((a) => (a.includes('/') ? `^${a}` : `^${a}/`)), TEST_HELPER],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular-files',
      severity: 'error',
      comment: 'Files import each other in a loop: split out what both need.',
      from: { pathNot: TEST_HELPER },
      to: { circular: true, pathNot: TEST_HELPER },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'Folders import each other in a loop.',
      from: { pathNot: TEST_HELPER },
      to: { circular: true, pathNot: TEST_HELPER },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Test helpers are exempt from every rule: they are left out of the graph altogether.
    exclude: { path: ['^(node_modules|dist|out|e2e/\\.cache|test-results)/', TEST_HELPER] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: {
      archi: { collapsePattern: '^(core|db|ingest|citations|export|team|api|renderer|electron|cli|samples)/' },
    },
  },
};
