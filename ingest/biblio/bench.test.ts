import { expect, it } from 'vitest';
import { benchBibtex } from './bench';

// BIBLIO_BENCH=10000 npx vitest run ingest/biblio/bench  prints the full-size measurement.
const entries = Number(process.env.BIBLIO_BENCH ?? 1000);

it(`imports ${entries} BibTeX entries into a fresh library`, async () => {
  const r = benchBibtex(entries);
  console.log(`benchBibtex(${entries}):`, r);
  expect(r.created).toBe(entries);
  expect(r.entriesPerSecond).toBeGreaterThan(100);
});
