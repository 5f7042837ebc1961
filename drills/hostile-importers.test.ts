/**
 * Hostile values through each importer (issue 10 §7): text, Markdown, HTML, .docx (written with
 * the `docx` library), PDF (pdf-lib), BibTeX, RIS and CSL-JSON. Each value goes in its own file,
 * read by the importers the app and the command line use and saved in one transaction. A refusal
 * is a DossierError in one line; nothing else may escape. The library stays sound, and a memo of
 * what was imported exports to a valid .docx. PDF and .docx files take longest to make and read,
 * so CI sends a seeded sample of the values through them; `npm run drill` sends all.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDossierError } from '../core/errors';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { exportBriefing } from '../export/export-briefing';
import { getTemplate } from '../export/template/index';
import { importSources, parseBibliography } from '../ingest/biblio/index';
import { captureDocument } from '../ingest/capture';
import { readDocument, sniffFormat } from '../ingest/formats/index';
import { exportedDocxProblem, VALIDATOR_NOTE } from './support/export-check';
import { recordFigures } from './support/figures';
import { integrity } from './support/files';
import { hostileStrings, hostileValues, type Hostile } from './support/hostile';
import { IMPORTERS, hostileFile, type Importer } from './support/hostile-files';
import { drillRng, LONG } from './support/rng';

let lib: Library;
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ lib, dir, cleanup } = tempLibrary());
  mkdirSync(join(dir, 'out'));
});
afterAll(() => cleanup());

/** Share of the values CI sends through each importer (a seeded sample); `npm run drill` sends all. */
const CI_SHARE: Record<Importer, number> = { text: 0.5, markdown: 0.5, html: 0.5, docx: 0.15, pdf: 0.15, bibtex: 1, ris: 1, 'csl-json': 1 };
/** Facts imported by every importer, for the one memo exported at the end. */
const imported: string[] = [];
/** The SHA-256 of every document file that was saved (its original kept with its source). */
const savedFiles = new Set<string>();

function valuesFor(kind: Importer, rng: ReturnType<typeof drillRng>): Hostile[] {
  const all = kind === 'csl-json' ? hostileValues() : hostileStrings();
  if (LONG) return all;
  return all.filter(() => rng.chance(CI_SHARE[kind]));
}

/** Reads and saves one file; returns the ids of the facts it made. Throws what the importer throws. */
async function importFile(bytes: Uint8Array, fileName: string): Promise<string[]> {
  const format = sniffFormat(bytes, fileName);
  if (format === 'bibtex' || format === 'ris' || format === 'csl-json') {
    const parsed = parseBibliography(new TextDecoder().decode(bytes), format, { fileName });
    importSources(lib, parsed.items);
    return [];
  }
  const doc = await readDocument(bytes, { fileName });
  const r = captureDocument(lib, doc, { source: { type: 'report', ...(doc.source.title ? {} : { title: 'Hostile import' }) }, original: { bytes, fileName } });
  savedFiles.add(createHash('sha256').update(bytes).digest('hex'));
  return r.facts.map((f) => f.id);
}

describe('hostile values through every importer', () => {
  for (const kind of IMPORTERS) {
    it(`${kind}: no crash, and every refusal a DossierError in one line`, { timeout: LONG ? 900_000 : 120_000 }, async () => {
      const rng = drillRng(`importer-${kind}`);
      const values = valuesFor(kind, rng);
      const problems: string[] = [];
      const factIds: string[] = [];
      let refused = 0;
      for (const h of values) {
        const { bytes, fileName } = await hostileFile(kind, h.value);
        try {
          factIds.push(...(await importFile(bytes, fileName)));
        } catch (e) {
          if (!isDossierError(e)) problems.push(`${h.label}: ${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 160)}`);
          else if (e.message.includes('\n')) problems.push(`${h.label}: message is not one line: ${JSON.stringify(e.message.slice(0, 160))}`);
          else refused++;
        }
      }
      imported.push(...factIds.slice(0, 60));
      recordFigures(`hostile values: ${kind} importer`, {
        tried: values.length,
        survived: values.length - problems.length,
        failed: problems.length,
        notes: { refused, 'facts imported': factIds.length },
      });
      expect(problems).toEqual([]);
    });
  }

  // One memo of what every importer brought in (the validator takes seconds to start: once, not eight times).
  it(`leaves a sound library whose imported facts export to a valid .docx${VALIDATOR_NOTE}`, async () => {
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(integrity(lib.path, { readonly: true })).toBe('ok');
    expect(imported.length).toBeGreaterThan(50);
    // The originals kept are exactly the files saved (a refused file kept none), each sound.
    expect(savedFiles.size).toBeGreaterThan(0);
    expect(new Set(lib.db.prepare('SELECT sha256 FROM originals').pluck().all())).toEqual(savedFiles);
    expect(lib.check().problems).toEqual([]);
    const t = getTemplate('background-brief');
    const b = lib.createBriefing(
      { title: 'Imported hostile values', templateId: t.id },
      t.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    lib.addItems(
      b.id,
      imported.map((factId) => ({ kind: 'fact' as const, factId })),
      'background',
    );
    const out = join(dir, 'out', 'imported.docx');
    await exportBriefing(lib, b.id, { out });
    expect(await exportedDocxProblem(out)).toBeUndefined();
  });
});
