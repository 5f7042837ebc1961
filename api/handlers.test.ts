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

describe('briefing sections through the contract', () => {
  const ok = <T>(r: Awaited<ReturnType<typeof call>>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  type B = { id: string; sections: { id: string; key: string; heading: string; items: unknown[] }[] };

  it('adds, renames, moves and removes sections, keeping the template’s required ones', async () => {
    const b = ok<B>(await call('briefings:create', [{ title: 'Storage', templateId: 'action-memo' }]));
    const keys = b.sections.map((s) => s.key);
    expect(keys).toEqual(['bluf', 'discussion', 'recommendation', 'coordination']);
    const added = ok<B>(await call('briefings:addSection', [b.id, { heading: 'Risks' }, 2]));
    const risks = added.sections[2]!;
    expect(risks.heading).toBe('Risks');
    expect(ok<B>(await call('briefings:renameSection', [b.id, risks.id, { heading: 'Risks ahead' }])).sections[2]!.heading).toBe('Risks ahead');
    expect(await call('briefings:renameSection', [b.id, 'bluf', { heading: 'Summary' }])).toMatchObject({ ok: false, error: { code: 'validation', field: 'section.heading' } });
    expect(ok<B>(await call('briefings:moveSection', [b.id, risks.id, 0])).sections.map((s) => s.heading)[0]).toBe('Risks ahead');
    expect(await call('briefings:removeSection', [b.id, 'recommendation', {}])).toEqual({
      ok: false,
      error: { code: 'validation', field: 'section', message: 'section: "RECOMMENDATION" is required by the template and cannot be removed' },
    });
    expect(ok<B>(await call('briefings:removeSection', [b.id, 'coordination', {}])).sections.map((s) => s.key)).not.toContain('coordination');
    expect(ok<B>(await call('briefings:removeSection', [b.id, risks.id, {}])).sections).toHaveLength(3);
  });

  it('refuses bad section arguments naming the field', async () => {
    const b = ok<B>(await call('briefings:create', [{ title: 'Bad', templateId: 'info-memo' }]));
    expect(await call('briefings:addSection', [b.id, { heading: '' }])).toEqual({ ok: false, error: { code: 'validation', field: 'section.heading', message: 'section.heading: must not be empty' } });
    expect(await call('briefings:moveSection', [b.id, b.sections[0]!.id, -1])).toMatchObject({ ok: false, error: { code: 'validation', field: '2' } });
    expect(await call('briefings:removeSection', [b.id, b.sections[0]!.id, { force: true }])).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('exports a custom section in its place, heading and all, into the .docx', async () => {
    const { readFileSync, mkdirSync } = await import('node:fs');
    const { unzipSync, strFromU8 } = await import('fflate');
    const s = lib.addSource({ type: 'report', title: 'Port Capacity Review', publisher: 'Ministry of Transport', issued: '2024' });
    const f = lib.addFact({ sourceId: s.id, text: 'Silo capacity at the river ports fell by a third.' });
    const b = ok<B>(await call('briefings:create', [{ title: 'Storage', templateId: 'action-memo' }]));
    const withSection = ok<B>(await call('briefings:addSection', [b.id, { heading: 'Risks to Storage Capacity' }, 2]));
    const custom = withSection.sections[2]!;
    ok(await call('briefings:addItems', [b.id, [{ kind: 'fact', factId: f.id }], custom.id]));
    // Empty template sections are left out of the document: give the neighbours some text.
    ok(await call('briefings:addItems', [b.id, [{ kind: 'prose', text: 'Approve storage grants.' }], 'bluf']));
    ok(await call('briefings:addItems', [b.id, [{ kind: 'prose', text: 'That you approve option B.' }], 'recommendation']));
    mkdirSync(join(dir, 'allowed'));
    const r = ok<{ path: string; notes: number }>(await call('briefings:export', [b.id, { format: 'docx', out: join(dir, 'allowed', 'storage.docx') }]));
    expect(r.notes).toBe(1);
    const xml = strFromU8(unzipSync(readFileSync(r.path))['word/document.xml']!);
    const at = (text: string) => xml.indexOf(text);
    expect(at('Risks to Storage Capacity')).toBeGreaterThan(-1);
    // In order: after the BLUF, before the recommendation; its fact follows its heading.
    expect(at('Risks to Storage Capacity')).toBeGreaterThan(at('Approve storage grants.'));
    expect(at('Risks to Storage Capacity')).toBeLessThan(at('RECOMMENDATION'));
    expect(at('Silo capacity at the river ports')).toBeGreaterThan(at('Risks to Storage Capacity'));
  });
});
