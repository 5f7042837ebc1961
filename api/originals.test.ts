import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { reportPdf } from '../db/originals/testing/captured-pdf';
import { tempLibrary } from '../db/testing/temp-library';
import { createDispatcher } from './handlers';

let call: ReturnType<typeof createDispatcher>;
let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  ({ lib, cleanup: done } = t);
  call = createDispatcher(t.lib, { allowWrite: () => false });
});
afterEach(() => done());

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await reportPdf();
});

type Committed = { ok: true; value: { sourceId: string; facts: { id: string; text: string; locator: { label: string; value: string } }[] } };

describe('the inspector reads "In source" through the contract', () => {
  it('a dropped PDF is kept with its source, and facts:context returns the passage at its page', async () => {
    const c = (await call('capture:commit', [
      { text: '', file: { name: 'paper.pdf', base64: Buffer.from(pdf).toString('base64') }, source: { type: 'report' }, keep: '1-5' },
    ])) as Committed;
    expect(c.ok).toBe(true);
    expect(lib.originalsOfSource(c.value.sourceId)).toEqual([
      expect.objectContaining({ fileName: 'paper.pdf', mediaType: 'application/pdf', byteSize: pdf.length }),
    ]);
    const fact = c.value.facts[2];
    const r = await call('facts:context', [fact.id]);
    expect(r).toMatchObject({ ok: true, value: { status: 'ok', found: 'at-locator', locator: fact.locator, match: fact.text } });
  });

  it('pasted text is its own original; a fact of a source without one says so', async () => {
    const c = (await call('capture:commit', [
      { text: 'The port reopened on Monday.\n\nShips queued for a day.', source: { title: 'Harbour log' } },
    ])) as Committed;
    expect(await call('facts:context', [c.value.facts[1].id])).toMatchObject({
      ok: true,
      value: { status: 'ok', locator: { label: 'paragraph', value: '2' }, match: 'Ships queued for a day.' },
    });
    const typed = lib.addFact({ sourceId: lib.addSource({ type: 'report', title: 'Notes' }).id, text: 'Typed.' });
    expect(await call('facts:context', [typed.id])).toEqual({ ok: true, value: { status: 'none' } });
    expect(await call('facts:context', ['no-such-fact'])).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('a file the desktop shell read keeps its original', () => {
  it('capture:commit with the document and the id of the file the shell keeps stores that file', async () => {
    const { PendingOriginals } = await import('./host/pending-originals');
    const { readDocument } = await import('../ingest/formats/index');
    const pending = new PendingOriginals();
    const document = await readDocument(pdf, { fileName: 'from-dialog.pdf' });
    const originalId = pending.remember(document, pdf, 'from-dialog.pdf');
    const shell = createDispatcher(lib, { allowWrite: () => false, pendingOriginal: (id) => pending.get(id) });
    const c = (await shell('capture:commit', [{ text: '', document, originalId, source: { type: 'report' }, keep: '1' }])) as Committed;
    expect(c.ok).toBe(true);
    expect(lib.originalsOfSource(c.value.sourceId)).toEqual([
      expect.objectContaining({ sha256: originalId, fileName: 'from-dialog.pdf', byteSize: pdf.length }),
    ]);
    // An id the shell does not hold (let go, or made up) keeps nothing and fails nothing.
    const other = (await shell('capture:commit', [
      { text: '', document, originalId: 'a'.repeat(64), source: { type: 'report', title: 'Other' }, keep: '2' },
    ])) as Committed;
    expect(other.ok).toBe(true);
    expect(lib.originalsOfSource(other.value.sourceId)).toEqual([]);
    expect(await shell('capture:commit', [{ text: '', document, originalId: 'not-a-hash', source: { type: 'report' } }])).toMatchObject({ ok: false });
  });

  it('the shell keeps only the latest few files', async () => {
    const { PendingOriginals } = await import('./host/pending-originals');
    const pending = new PendingOriginals(2);
    const doc = (n: number) => ({ format: 'text' as const, source: {}, blocks: [{ kind: 'paragraph' as const, text: `File ${n}.` }], warnings: [] });
    const ids = [1, 2, 3].map((n) => pending.remember(doc(n), Buffer.from(`File ${n}.`), `f${n}.txt`));
    expect(ids.map((id) => pending.get(id)?.fileName)).toEqual([undefined, 'f2.txt', 'f3.txt']);
  });
});
