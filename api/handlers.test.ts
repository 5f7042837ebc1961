import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { CALL_NAMES, CALLS } from './contract';
import { createDispatcher } from './handlers';

let lib: Library;
let dir: string;
let done: () => void;
let call: ReturnType<typeof createDispatcher>;
beforeEach(() => {
  const t = tempLibrary();
  ({ lib, dir } = t);
  done = t.cleanup;
  call = createDispatcher(lib, { allowWrite: (p) => p.startsWith(join(dir, 'allowed')) });
});
afterEach(() => done());

describe('the API contract', () => {
  it('answers in an ok envelope through the real core', async () => {
    const id = loadSample(lib);
    const r = await call('facts:search', [{ text: 'corridor' }]);
    expect(r).toMatchObject({ ok: true, value: { total: expect.any(Number), hits: expect.any(Array) } });
    const p = await call('briefings:preview', [id, {}]);
    expect(p.ok && (p.value as { isNoteStyle: boolean }).isNoteStyle).toBe(true);
  });

  it('rejects unknown calls, wrong argument shapes and unknown fields before touching the core', async () => {
    expect(await call('shell:exec', ['rm -rf /'])).toEqual({ ok: false, error: { code: 'validation', message: 'unknown call "shell:exec"', field: 'call' } });
    expect(await call('__proto__', [])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('facts:get', [42])).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/^facts:get: argument 0:/) } });
    expect(await call('facts:search', [{ text: 'x', evil: true }])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('facts:search', 'not an array')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('facts:search', [{ limit: 1e9 }])).toMatchObject({ ok: false });
  });

  it('returns core validation errors as values naming the field', async () => {
    const r = await call('facts:add', [{ text: 'No source.' }]);
    expect(r).toEqual({ ok: false, error: { code: 'validation', message: 'fact.sourceId: is required: every fact needs a source', field: 'fact.sourceId' } });
  });

  it('writes files only where the shell allows (a path the user chose)', async () => {
    const id = loadSample(lib);
    const denied = await call('briefings:export', [id, { format: 'docx', out: join(dir, 'elsewhere.docx') }]);
    expect(denied).toMatchObject({ ok: false, error: { code: 'validation', field: 'out' } });
    const backup = await call('library:backup', ['/etc/passwd']);
    expect(backup).toMatchObject({ ok: false, error: { field: 'out' } });
  });

  it('has a schema for every call', () => {
    for (const name of CALL_NAMES) expect(CALLS[name], name).toBeDefined();
  });
});

describe('capturing files through the contract', () => {
  it('previews and saves a PDF sent as bytes, with page locators and suggestions', async () => {
    const { buildReportPdf } = await import('../ingest/formats/testing/report-pdf');
    const pdf = await buildReportPdf({ paragraphs: ['The ministry said on March 3 that exports rose 12 percent to $4.1 billion. Officials expect more.', 'A second paragraph follows here.'], title: 'Export Review' });
    const file = { name: 'review.pdf', base64: Buffer.from(pdf).toString('base64') };
    const p = await call('capture:preview', [{ text: '', file }]);
    expect(p.ok).toBe(true);
    const preview = (p as { value: { format: string; source: { title: string }; candidates: { locator: { label: string }; statistic?: unknown }[] } }).value;
    expect(preview.format).toBe('pdf');
    expect(preview.source.title).toBe('Export Review');
    expect(preview.candidates[0]).toMatchObject({ locator: { label: 'page' }, statistic: expect.anything() });
    const c = await call('capture:commit', [{ text: '', file, keep: '1', source: { type: 'report' }, acceptSuggestions: true }]);
    expect(c).toMatchObject({ ok: true, value: { sourceCreated: true, facts: [{ locator: { label: 'page' } }] } });
  });
});
