import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { captureDocument } from './capture';
import { importText } from './formats/text';

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
    // The real extractor, placing the months against the report's publication date.
    const doc = importText('Fighting paused between late December and early January, the ministry said. Talks resumed.', {});
    const preview = captureDocument(lib, doc, { source: { title: 'Front report', issued: '2024-02-03' }, dryRun: true });
    expect(preview.candidates[0]).toMatchObject({ eventDate: '2023-12', eventDateEnd: '2024-01' });
    const r = captureDocument(lib, doc, { source: { title: 'Front report', issued: '2024-02-03' }, acceptSuggestions: true });
    expect(lib.getFact(r.facts[0].id)).toMatchObject({ eventDate: '2023-12', eventDateEnd: '2024-01' });
    expect(r.facts[1].eventDateEnd).toBeUndefined();
    expect(lib.searchFacts({ eventFrom: '2024-01-10' }).hits.map((h) => h.fact.id)).toEqual([r.facts[0].id]);
  });
});
