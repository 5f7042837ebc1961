import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSources, parseBibliography } from '../ingest/biblio/index';
import { commitUnlessCancelled } from './cancellable-write';
import type { Library } from './library';
import { tempLibrary } from './testing/temp-library';
import { importText } from '../ingest/import-text';

let lib: Library;
let cleanup: () => void;
beforeEach(() => ({ lib, cleanup } = tempLibrary()));
afterEach(() => cleanup());

const TEXT = Array.from({ length: 200 }, (_, i) => `Officials said convoy ${i + 1} left the port on time.`).join(' ');
const BIBTEX = Array.from({ length: 30 }, (_, i) => `@article{a${i}, title={Grain report ${i}}, author={Okafor, Adaeze}, year={2024}, journal={Trade}}`).join(
  '\n',
);
const RIS = Array.from({ length: 30 }, (_, i) => `TY  - JOUR\nTI  - Harbour study ${i}\nAU  - Lee, Min-jun\nPY  - 2023\nER  - `).join('\n');

/**
 * A Ctrl+C that arrives while synchronous work runs: its listener is queued and runs at the
 * next turn of the event loop, which is exactly when a real signal listener would run.
 */
function cancelArrivingDuring(work: () => unknown, ctrl: AbortController) {
  return () => {
    setImmediate(() => ctrl.abort(new DOMException('Ctrl+C', 'AbortError')));
    return work();
  };
}

function counts() {
  return { ...lib.counts(), integrity: lib.check().integrity };
}

describe('commitUnlessCancelled', () => {
  const writes: [string, () => unknown][] = [
    ['text import (facts)', () => importText(lib, { text: TEXT, source: { title: 'Port log' } })],
    ['BibTeX import (sources)', () => importSources(lib, parseBibliography(BIBTEX, 'bibtex').items)],
    ['RIS import (sources)', () => importSources(lib, parseBibliography(RIS, 'ris').items)],
  ];

  for (const [name, write] of writes) {
    it(`${name}: a cancel during the write rolls all of it back`, async () => {
      const before = counts();
      const ctrl = new AbortController();
      await expect(commitUnlessCancelled(lib.db, ctrl.signal, cancelArrivingDuring(write, ctrl))).rejects.toMatchObject({ name: 'AbortError' });
      expect(lib.db.inTransaction).toBe(false);
      expect(counts()).toEqual(before);
      expect(counts().integrity).toEqual([]);
    });

    it(`${name}: without a cancel it commits`, async () => {
      const before = counts();
      await commitUnlessCancelled(lib.db, new AbortController().signal, write);
      expect(lib.db.inTransaction).toBe(false);
      expect(counts().facts + counts().sources).toBeGreaterThan(before.facts + before.sources);
    });
  }

  it('a cancel already made writes nothing and does not start the work', async () => {
    let ran = false;
    await expect(commitUnlessCancelled(lib.db, AbortSignal.abort(new DOMException('x', 'AbortError')), () => (ran = true))).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(ran).toBe(false);
  });

  it('an error in the work rolls back and is passed on', async () => {
    await expect(
      commitUnlessCancelled(lib.db, undefined, () => {
        importText(lib, { text: TEXT, source: { title: 'Port log' } });
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(lib.counts().facts).toBe(0);
    expect(lib.db.inTransaction).toBe(false);
  });
});

describe('a long capture write in batches', () => {
  it('stops at the first batch boundary after a cancel, writes nothing, and commits in full without one', async () => {
    const { importText } = await import('../ingest/formats/text');
    const { planCapture, writeCaptureInBatches } = await import('../ingest/capture');
    const text = Array.from({ length: 5000 }, (_, i) => `Officials said convoy number ${i + 1} left the port on time.`).join('\n\n');
    const doc = importText(text, {});
    const savedSteps: number[] = [];
    const ctrl = new AbortController();
    const options = {
      source: { title: 'Port log' },
      signal: ctrl.signal,
      onProgress: (p: { phase: string; done: number }) => {
        if (!p.phase.startsWith('Saving')) return;
        savedSteps.push(p.done);
        // The Ctrl+C arrives while the first batch is being written.
        if (p.done === 0) setImmediate(() => ctrl.abort(new DOMException('Ctrl+C', 'AbortError')));
      },
    };
    const plan = planCapture(lib, doc, options);
    if ('result' in plan) throw new Error('expected a plan to write');
    await expect(commitUnlessCancelled(lib.db, ctrl.signal, (between) => writeCaptureInBatches(lib, plan, options, between))).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(savedSteps).toEqual([0, 2000]); // one batch written, then rolled back: not all 5,000
    expect(lib.counts()).toMatchObject({ facts: 0, sources: 0 });

    const again = planCapture(lib, doc, { source: { title: 'Port log' } });
    if ('result' in again) throw new Error('expected a plan to write');
    const r = await commitUnlessCancelled(lib.db, undefined, (between) => writeCaptureInBatches(lib, again, {}, between));
    expect(r.facts).toHaveLength(5000);
    expect(lib.counts().facts).toBe(5000);
    expect(lib.check().ok).toBe(true);
  });
});
