import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { captureDocument } from './capture';
import { importText } from './formats/text';

// The extractor that reads ranges is built apart (ingest/suggest); here its answer for one
// sentence is given, to follow a range from the suggestion to the stored fact.
vi.mock('./suggest/index', async (actual) => {
  const real = await actual<typeof import('./suggest/index')>();
  return {
    ...real,
    suggestFor: (sentence: string, published?: string) =>
      sentence.includes('late December and early January')
        ? { kind: 'paraphrase', eventDate: '2023-12', eventDateEnd: '2024-01' }
        : real.suggestFor(sentence, published),
  };
});

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

describe('a suggested date range', () => {
  it('is offered with the candidate and kept as a range when accepted', () => {
    const doc = importText('Fighting went on through late December and early January. Talks resumed.', {});
    const preview = captureDocument(lib, doc, { source: { title: 'Front report' }, dryRun: true });
    expect(preview.candidates[0]).toMatchObject({ eventDate: '2023-12', eventDateEnd: '2024-01' });
    const r = captureDocument(lib, doc, { source: { title: 'Front report' }, acceptSuggestions: true });
    expect(lib.getFact(r.facts[0].id)).toMatchObject({ eventDate: '2023-12', eventDateEnd: '2024-01' });
    expect(r.facts[1].eventDateEnd).toBeUndefined();
    expect(lib.searchFacts({ eventFrom: '2024-01-10' }).hits.map((h) => h.fact.id)).toEqual([r.facts[0].id]);
  });
});
