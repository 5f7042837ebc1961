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
    const c = (await call('capture:commit', [{ text: '', file: { name: 'paper.pdf', base64: Buffer.from(pdf).toString('base64') }, source: { type: 'report' }, keep: '1-5' }])) as Committed;
    expect(c.ok).toBe(true);
    expect(lib.originalsOfSource(c.value.sourceId)).toEqual([expect.objectContaining({ fileName: 'paper.pdf', mediaType: 'application/pdf', byteSize: pdf.length })]);
    const fact = c.value.facts[2]!;
    const r = await call('facts:context', [fact.id]);
    expect(r).toMatchObject({ ok: true, value: { status: 'ok', found: 'at-locator', locator: fact.locator, match: fact.text } });
  });

  it('pasted text is its own original; a fact of a source without one says so', async () => {
    const c = (await call('capture:commit', [{ text: 'The port reopened on Monday.\n\nShips queued for a day.', source: { title: 'Harbour log' } }])) as Committed;
    expect(await call('facts:context', [c.value.facts[1]!.id])).toMatchObject({ ok: true, value: { status: 'ok', locator: { label: 'paragraph', value: '2' }, match: 'Ships queued for a day.' } });
    const typed = lib.addFact({ sourceId: lib.addSource({ type: 'report', title: 'Notes' }).id, text: 'Typed.' });
    expect(await call('facts:context', [typed.id])).toEqual({ ok: true, value: { status: 'none' } });
    expect(await call('facts:context', ['no-such-fact'])).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
