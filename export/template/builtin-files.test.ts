import { afterEach, expect, it, vi } from 'vitest';
import { builtInTemplates, validatedBuiltInFiles } from './load';

afterEach(() => {
  vi.doUnmock('./builtin-files');
  vi.doUnmock('./schema');
  vi.resetModules();
});

/** What scripts/build.mjs bundles in place of builtin-files.ts: the schema's output, as JSON. */
const asBuilt = () => JSON.parse(JSON.stringify(validatedBuiltInFiles())) as unknown;

it('the built command line gets the built-in templates the schema would give, without building the schema', async () => {
  const expected = builtInTemplates();
  const files = asBuilt();
  vi.resetModules();
  vi.doMock('./builtin-files', () => ({ BUILT_IN_FILES: files, BUILT_IN_VALIDATED: true }));
  const schema = await vi.importActual<typeof import('./schema')>('./schema');
  const built = vi.fn(schema.templateFileSchema);
  vi.doMock('./schema', () => ({ ...schema, templateFileSchema: built }));
  const load = await import('./load');
  expect(load.builtInTemplates()).toEqual(expected);
  expect(load.getTemplate('info-memo').sections.map((s) => s.key)).toEqual(expected.find((t) => t.id === 'info-memo')!.sections.map((s) => s.key));
  expect(built).not.toHaveBeenCalled();
});

it('the data the build bundles carries every default the schema fills in', () => {
  // Were the schema's output not what the build writes (a transform JSON cannot hold), the
  // built command line would complete different templates from the ones tested here.
  const files = asBuilt() as Array<{ data: { numbering?: unknown; headerFields: Array<{ type?: unknown }> } }>;
  expect(files).toHaveLength(5);
  for (const { data } of files) {
    expect(data.numbering).toBeDefined();
    for (const f of data.headerFields) expect(f.type).toBeDefined();
  }
  expect(validatedBuiltInFiles()).toEqual(asBuilt());
});
