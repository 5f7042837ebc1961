import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import type { VersionDiff } from '../core/version-diff';
import type { BriefingVersion, VersionSummary } from '../core/versions';
import { assembleBriefing } from '../export/assemble';
import { EDIT_PAUSE_MS } from '../export/briefing-versions';
import type { ExportResult } from '../export/export-briefing';
import { CALL_NAMES } from './call-names';
import { CALLS, type BriefingPreview, type RestoreResult } from './contract';
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

  it('sends the preview without Zotero field instructions, notes numbered and clustered as exported', async () => {
    const id = loadSample(lib);
    const p = await call('briefings:preview', [id, {}]);
    if (!p.ok) throw new Error(JSON.stringify(p));
    const doc = (p.value as BriefingPreview).doc;
    const cites = (d: { sections: { blocks: { inlines: { type: string }[] }[] }[] }) =>
      d.sections.flatMap((s) => s.blocks.flatMap((b) => b.inlines.filter((i) => i.type !== 'text')));
    const full = assembleBriefing(lib, id, {}).doc;
    expect(cites(full).length).toBeGreaterThan(3);
    expect(cites(full).every((i) => 'field' in i)).toBe(true);
    expect(JSON.stringify(full)).toContain('ZOTERO_ITEM CSL_CITATION');
    // The same citations, in order, with their numbers, cluster ids and runs; no field at all.
    expect(cites(doc)).toEqual(cites(full).map((i) => Object.fromEntries(Object.entries(i).filter(([k]) => k !== 'field'))));
    expect(JSON.stringify(doc)).not.toContain('ZOTERO_ITEM');
    expect(JSON.stringify(doc).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it('rejects unknown calls, wrong argument shapes and unknown fields before touching the core', async () => {
    expect(await call('shell:exec', ['rm -rf /'])).toEqual({ ok: false, error: { code: 'validation', message: 'unknown call "shell:exec"', field: 'call' } });
    expect(await call('__proto__', [])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('facts:get', [42])).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/^facts:get: argument 0:/) },
    });
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
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(CALLS).sort());
  });
});

describe('capturing files through the contract', () => {
  it('previews and saves a PDF sent as bytes, with page locators and suggestions', async () => {
    const { buildReportPdf } = await import('../ingest/formats/testing/report-pdf');
    const pdf = await buildReportPdf({
      paragraphs: ['The ministry said on March 3 that exports rose 12 percent to $4.1 billion. Officials expect more.', 'A second paragraph follows here.'],
      title: 'Export Review',
    });
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

describe('capturing a password-protected PDF through the contract', () => {
  it('answers password_required without a password or with a wrong one, and reads the file with the right one', async () => {
    const { readFileSync } = await import('node:fs');
    const file = { name: 'corridor.pdf', base64: readFileSync(new URL('../ingest/formats/testing/encrypted-report.pdf', import.meta.url)).toString('base64') };
    expect(await call('capture:preview', [{ text: '', file }])).toEqual({
      ok: false,
      error: { code: 'password_required', field: 'password', message: 'corridor.pdf: this PDF is password-protected; give its password to import it' },
    });
    expect(await call('capture:preview', [{ text: '', file, password: 'nope' }])).toMatchObject({
      ok: false,
      error: { code: 'password_required', message: expect.stringMatching(/wrong/) },
    });
    expect(await call('capture:preview', [{ text: '', file, password: 'grain-2024' }])).toMatchObject({
      ok: true,
      value: { format: 'pdf', source: { title: 'Corridor Review' } },
    });
    expect(await call('capture:commit', [{ text: '', file, password: 'grain-2024', keep: '1' }])).toMatchObject({
      ok: true,
      value: { sourceCreated: true, facts: [{ locator: { label: 'page', value: '1' } }] },
    });
  });
});

describe('library management through the contract', () => {
  const source = (title: string, extra: Record<string, unknown> = {}) => lib.addSource({ type: 'article-newspaper', title, ...extra });
  const fact = (sourceId: string, text: string, extra: Record<string, unknown> = {}) => lib.addFact({ sourceId, text, ...extra });
  const ok = <T>(r: Awaited<ReturnType<typeof call>>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };

  it('lists a corroboration group with sources, independence of origins and which links are direct', async () => {
    const herald = source('Herald story', { reliability: 'B' });
    const wire = source('Wire story');
    const paper = source('Paper relaying the wire');
    const a = fact(herald.id, 'Exports rose 12 percent in March.');
    const b = fact(wire.id, 'March exports were up 12 percent.');
    const c = fact(paper.id, 'Exports climbed 12 percent in March, the wire said.', { viaSourceId: wire.id });
    const d = fact(herald.id, 'The herald repeated that exports rose 12 percent.');

    const empty = ok<{ independentOrigins: number; members: unknown[] }>(await call('facts:corroboration', [a.id]));
    expect(empty).toEqual({ factId: a.id, independentOrigins: 1, members: [] });

    ok(await call('facts:corroborate', [a.id, b.id, 'same figure']));
    ok(await call('facts:corroborate', [b.id, c.id]));
    const group = ok<{
      independentOrigins: number;
      members: {
        fact: { id: string };
        source: { title: string; reliability?: string };
        origin: { title: string };
        independent: boolean;
        direct: boolean;
        note?: string;
      }[];
    }>(await call('facts:corroborate', [a.id, d.id]));
    // b: a new origin (the wire); c: relayed from the wire, so not new; d: the herald again, a's own origin.
    expect(group.members.map((m) => [m.fact.id, m.source.title, m.origin.title, m.independent, m.direct, m.note])).toEqual([
      [b.id, 'Wire story', 'Wire story', true, true, 'same figure'],
      [c.id, 'Paper relaying the wire', 'Wire story', false, false, undefined],
      [d.id, 'Herald story', 'Herald story', false, true, undefined],
    ]);
    expect(group.independentOrigins).toBe(2);
    expect(group.independentOrigins).toBe(lib.independentSourceCount(a.id));

    // The library list counts the whole group for every member, and 0 for a fact without links.
    const lone = fact(herald.id, 'An unrelated sentence about ports.');
    const hits = ok<{ hits: { fact: { id: string }; corroboration: number }[] }>(await call('facts:search', [{ sort: 'oldest' }])).hits;
    expect(hits.map((h) => [h.fact.id, h.corroboration])).toEqual([
      [a.id, 3],
      [b.id, 3],
      [c.id, 3],
      [d.id, 3],
      [lone.id, 0],
    ]);

    // Unlinking the direct a–b link splits the group: a keeps only d.
    const after = ok<{ independentOrigins: number; members: { fact: { id: string } }[] }>(await call('facts:uncorroborate', [a.id, b.id]));
    expect(after.members.map((m) => m.fact.id)).toEqual([d.id]);
    expect(after.independentOrigins).toBe(1);
    expect(lib.corroboratingFacts(b.id).map((f) => f.id)).toEqual([c.id]);
  });

  it('refuses bad corroboration writes with a message and changes nothing', async () => {
    const s = source('Only source');
    const a = fact(s.id, 'A first sentence of record.');
    const b = fact(s.id, 'A second sentence of record.');
    expect(await call('facts:corroborate', [a.id, a.id])).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'factB', message: expect.stringContaining('cannot corroborate itself') },
    });
    expect(await call('facts:corroborate', [a.id, 'nosuchfact'])).toMatchObject({ ok: false, error: { code: 'validation', field: 'factB' } });
    expect(await call('facts:uncorroborate', [a.id, b.id])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    ok(await call('facts:corroborate', [a.id, b.id]));
    expect(await call('facts:corroborate', [b.id, a.id])).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('already linked') },
    });
    expect(await call('facts:corroborate', [a.id])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(lib.corroborationLinks(a.id)).toHaveLength(1);
  });

  it('merges a duplicate source: facts move, same-text facts merge, the duplicate is gone', async () => {
    const keep = source('Grain corridor reopens', { reliability: 'B' });
    const dup = source('Grain Corridor Reopens (copy)', { url: 'https://herald.example/corridor' });
    fact(keep.id, 'Ships left Odesa on Jan. 18.');
    fact(dup.id, 'Ships left Odesa on Jan. 18.');
    const moved = fact(dup.id, 'Insurers returned to the route.');
    const r = ok<{ source: { id: string; url?: string }; movedFacts: number; mergedFacts: number }>(await call('sources:merge', [keep.id, dup.id]));
    expect([r.movedFacts, r.mergedFacts, r.source.id, r.source.url]).toEqual([1, 1, keep.id, 'https://herald.example/corridor']);
    expect(lib.getFact(moved.id).sourceId).toBe(keep.id);
    expect(await call('sources:get', [dup.id])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const listed = ok<{ id: string; factCount: number }[]>(await call('sources:list', [{}]));
    expect(listed.map((s) => [s.id, s.factCount])).toEqual([[keep.id, 2]]);
    expect(await call('sources:merge', [keep.id, keep.id])).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('removes a source with facts only with cascade, and updates a source with field-named errors', async () => {
    const s = source('A report');
    fact(s.id, 'One sentence.');
    fact(s.id, 'Another sentence.');
    expect(await call('sources:remove', [s.id, {}])).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('still has 2 fact(s)') },
    });
    expect(lib.factsOfSource(s.id)).toHaveLength(2);
    expect(await call('sources:update', [s.id, { issued: '2025-13-01' }])).toMatchObject({ ok: false, error: { code: 'validation', field: 'source.issued' } });
    expect(ok<{ issued?: string; publisher?: string }>(await call('sources:update', [s.id, { issued: '2025-02', publisher: 'Ministry' }]))).toMatchObject({
      issued: '2025-02',
      publisher: 'Ministry',
    });
    expect(ok(await call('sources:remove', [s.id, { cascade: true }]))).toEqual({ removedFacts: 2 });
    expect(lib.counts().facts).toBe(0);
  });

  it('renames tags; onto an existing tag only with merge', async () => {
    const s = source('Tagged');
    const a = fact(s.id, 'First tagged sentence.', { tags: ['grain'] });
    fact(s.id, 'Second tagged sentence.', { tags: ['shipping', 'grain'] });
    fact(s.id, 'Third tagged sentence.', { tags: ['Shipping news'] });
    expect(await call('tags:rename', ['Shipping news', 'shipping', {}])).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('already exists') },
    });
    expect(ok(await call('tags:rename', ['Shipping news', 'shipping', { merge: true }]))).toEqual({ name: 'shipping', count: 2, savedSearches: [] });
    expect(ok(await call('tags:rename', ['grain', 'cereals', {}]))).toEqual({ name: 'cereals', count: 2, savedSearches: [] });
    expect(ok(await call('tags:list', []))).toEqual([
      { name: 'cereals', count: 2 },
      { name: 'shipping', count: 2 },
    ]);
    expect(lib.getFact(a.id).tags).toEqual(['cereals']);
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
    const risks = added.sections[2];
    expect(risks.heading).toBe('Risks');
    expect(ok<B>(await call('briefings:renameSection', [b.id, risks.id, { heading: 'Risks ahead' }])).sections[2].heading).toBe('Risks ahead');
    expect(await call('briefings:renameSection', [b.id, 'bluf', { heading: 'Summary' }])).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'section.heading' },
    });
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
    expect(await call('briefings:addSection', [b.id, { heading: '' }])).toEqual({
      ok: false,
      error: { code: 'validation', field: 'section.heading', message: 'section.heading: must not be empty' },
    });
    expect(await call('briefings:moveSection', [b.id, b.sections[0].id, -1])).toMatchObject({ ok: false, error: { code: 'validation', field: '2' } });
    expect(await call('briefings:removeSection', [b.id, b.sections[0].id, { force: true }])).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('exports a custom section in its place, heading and all, into the .docx', async () => {
    const { readFileSync, mkdirSync } = await import('node:fs');
    const { unzipSync, strFromU8 } = await import('fflate');
    const s = lib.addSource({ type: 'report', title: 'Port Capacity Review', publisher: 'Ministry of Transport', issued: '2024' });
    const f = lib.addFact({ sourceId: s.id, text: 'Silo capacity at the river ports fell by a third.' });
    const b = ok<B>(await call('briefings:create', [{ title: 'Storage', templateId: 'action-memo' }]));
    const withSection = ok<B>(await call('briefings:addSection', [b.id, { heading: 'Risks to Storage Capacity' }, 2]));
    const custom = withSection.sections[2];
    ok(await call('briefings:addItems', [b.id, [{ kind: 'fact', factId: f.id }], custom.id]));
    // Empty template sections are left out of the document: give the neighbours some text.
    ok(await call('briefings:addItems', [b.id, [{ kind: 'prose', text: 'Approve storage grants.' }], 'bluf']));
    ok(await call('briefings:addItems', [b.id, [{ kind: 'prose', text: 'That you approve option B.' }], 'recommendation']));
    mkdirSync(join(dir, 'allowed'));
    const r = ok<{ path: string; notes: number }>(await call('briefings:export', [b.id, { format: 'docx', out: join(dir, 'allowed', 'storage.docx') }]));
    expect(r.notes).toBe(1);
    const xml = strFromU8(unzipSync(readFileSync(r.path))['word/document.xml']);
    const at = (text: string) => xml.indexOf(text);
    expect(at('Risks to Storage Capacity')).toBeGreaterThan(-1);
    // In order: after the BLUF, before the recommendation; its fact follows its heading.
    expect(at('Risks to Storage Capacity')).toBeGreaterThan(at('Approve storage grants.'));
    expect(at('Risks to Storage Capacity')).toBeLessThan(at('RECOMMENDATION'));
    expect(at('Silo capacity at the river ports')).toBeGreaterThan(at('Risks to Storage Capacity'));
  });
});

describe('documents the desktop shell read (the import:ready event)', () => {
  it('previews and saves an already-read document, keeping its page locators', async () => {
    const { buildReportPdf } = await import('../ingest/formats/testing/report-pdf');
    const { readDocument } = await import('../ingest/formats/index');
    const pdf = await buildReportPdf({
      paragraphs: ['Grain exports rose 9 percent in May, the ministry said.', 'Rail freight doubled.'],
      title: 'Corridor Review',
    });
    // As it crosses IPC: plain data.
    const document = JSON.parse(JSON.stringify(await readDocument(pdf, { fileName: 'review.pdf' }))) as unknown;
    const p = await call('capture:preview', [{ text: '', document }]);
    expect(p).toMatchObject({
      ok: true,
      value: { format: 'pdf', source: { title: 'Corridor Review' }, candidates: [{ locator: { label: 'page', value: '1' } }, expect.anything()] },
    });
    const c = await call('capture:commit', [{ text: '', document, keep: '1-2', source: { type: 'report' } }]);
    expect(c).toMatchObject({ ok: true, value: { sourceCreated: true, facts: [{ locator: { label: 'page' } }, expect.anything()] } });
    expect(lib.listSources().map((s) => s.title)).toEqual(['Corridor Review']);
  });

  it('refuses a malformed document before the core sees it', async () => {
    const bad = { format: 'exe', source: {}, blocks: [], warnings: [] };
    expect(await call('capture:preview', [{ text: '', document: bad }])).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('document.format') },
    });
    const badLocator = { format: 'pdf', source: {}, blocks: [{ text: 'x', kind: 'paragraph', locator: { label: 'shelf', value: '1' } }], warnings: [] };
    expect(await call('capture:commit', [{ text: '', document: badLocator, source: { title: 'T', type: 'report' } }])).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(lib.counts().facts).toBe(0);
  });
});

describe('briefing versions through the contract', () => {
  const ok = <T>(r: Awaited<ReturnType<typeof call>>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };

  it('an export answers with its version and SHA-256; history, version, diff and restore follow it', async () => {
    const id = loadSample(lib);
    mkdirSync(join(dir, 'allowed'));
    const sent = ok<ExportResult>(await call('briefings:export', [id, { format: 'docx', out: join(dir, 'allowed', 'tuesday.docx') }]));
    expect(sent.version).toBe(1);
    expect(sent.sha256).toBe(createHash('sha256').update(readFileSync(sent.path)).digest('hex'));
    const history = ok<VersionSummary[]>(await call('briefings:history', [id]));
    expect(history).toMatchObject([{ number: 1, reason: 'export', exports: [{ version: 1, format: 'docx', path: sent.path, sha256: sent.sha256 }] }]);
    expect(history[0].counts.notes).toBe(sent.notes);

    const b = lib.getBriefing(id);
    const item = b.sections.flatMap((s) => s.items).find((i) => i.kind === 'prose')!;
    ok(await call('briefings:updateItem', [id, item.id, { text: 'A sentence of our own.' }]));
    const diff = ok<VersionDiff>(await call('briefings:diff', [id, 1]));
    expect(diff.sections.flatMap((s) => s.changes)).toContainEqual(expect.objectContaining({ kind: 'changed', after: 'A sentence of our own.' }));

    const restored = ok<RestoreResult>(await call('briefings:restoreVersion', [id, 1]));
    expect(restored).toMatchObject({ from: 1, previous: 2, number: 3, changed: true });
    expect(restored.briefing.sections).toEqual(b.sections);
    expect(ok<VersionDiff>(await call('briefings:diff', [id, 1, 3])).unchanged).toBe(true);
    const v2 = ok<BriefingVersion>(await call('briefings:version', [id, 2]));
    expect(v2.content.sections.flatMap((s) => s.items).find((i) => i.id === item.id)).toMatchObject({ text: 'A sentence of our own.' });
  });

  it('refuses bad version numbers before the core, and a missing version as not found', async () => {
    const id = loadSample(lib);
    expect(await call('briefings:version', [id, 0])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('briefings:diff', [id, '1'])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('briefings:restoreVersion', [id, 1.5])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('briefings:version', [id, 4])).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('stores the end of an editing session when a write comes after a pause (injected clock, no sleeps)', async () => {
    const id = loadSample(lib);
    let now = Date.now();
    call = createDispatcher(lib, { allowWrite: () => false, now: () => new Date(now) });
    const fact = lib
      .getBriefing(id)
      .sections.flatMap((s) => s.items)
      .find((i) => i.kind === 'fact')!;
    const lead = async (text: string) => ok(await call('briefings:updateItem', [id, fact.id, { lead: text }]));
    await lead('typing');
    now += 30_000;
    await lead('still typing');
    expect(lib.listVersions(id)).toEqual([]);
    const endOfSession = lib.briefingContent(id);
    now += EDIT_PAUSE_MS;
    await lead('back after lunch');
    expect(lib.listVersions(id).map((v) => [v.number, v.reason])).toEqual([[1, 'edit']]);
    expect(lib.getVersion(id, 1).content).toEqual(endOfSession);
    expect(lib.getVersion(id, 1).notes.length).toBeGreaterThan(5);
    now += 10_000;
    ok(await call('briefings:moveItem', [id, fact.id, 0]));
    ok(await call('briefings:addSection', [id, { heading: 'Outlook' }]));
    expect(lib.listVersions(id)).toHaveLength(1);
    now += EDIT_PAUSE_MS;
    ok(await call('briefings:update', [id, { title: 'New title' }]));
    expect(lib.listVersions(id)).toHaveLength(2);
    expect(lib.getVersion(id, 2).content.sections.at(-1)!.heading).toBe('Outlook');
    expect(lib.getVersion(id, 2).content.title).not.toBe('New title');
  });
});

describe('briefing header dates through the contract', () => {
  it('are read and stored as YYYY-MM-DD by the briefing’s template; an unreadable one is a field error that saves nothing', async () => {
    const created = await call('briefings:create', [{ title: 'Dated', templateId: 'action-memo', fields: { date: 'Jan. 18, 2024' } }]);
    expect(created).toMatchObject({ ok: true, value: { fields: { date: '2024-01-18' } } });
    const id = (created as { value: { id: string } }).value.id;
    expect(await call('briefings:update', [id, { fields: { decideBy: '25 January 2024' } }])).toMatchObject({
      ok: true,
      value: { fields: { decideBy: '2024-01-25' } },
    });
    expect(await call('briefings:update', [id, { title: 'Other', fields: { decideBy: 'xyz' } }])).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('fields.decideBy: cannot read "xyz" as a date') },
    });
    expect(lib.getBriefing(id)).toMatchObject({ title: 'Dated', fields: { date: '2024-01-18', decideBy: '2024-01-25' } });
  });
});
