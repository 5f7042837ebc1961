/**
 * Every built-in template in every marking mode, with footnotes and with endnotes, as .docx
 * files for checking with outside tools (docx-check, LibreOffice renders):
 *
 *   npx esbuild export/testing/layout-matrix.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/layout-matrix.mjs && node /tmp/layout-matrix.mjs /tmp/matrix
 *
 * Marking modes: none (no banner, no portion marks), banner only, banner and portion marks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedDocument } from '../document';
import { renderDocx } from '../docx/render';
import { getTemplate } from '../template/load';
import { writeFileAtomic } from '../../core/write-file';
import { actionMemo, backgroundBrief, infoMemo, situationReport, talkingPoints } from './fixtures';

export const MARKING_MODES = ['none', 'banner', 'portions'] as const;
export type MarkingMode = (typeof MARKING_MODES)[number];

/** The document with the marking mode's banner and portion marks, and notes of the given kind. */
export function variant(doc: ResolvedDocument, marking: MarkingMode, notes: 'footnotes' | 'endnotes'): ResolvedDocument {
  const strip = marking !== 'portions';
  const fields = doc.fields.map(({ portion, ...f }) => (strip || portion === undefined ? f : { ...f, portion }));
  const sections = doc.sections.map((s) => ({ ...s, blocks: s.blocks.map(({ portion, ...b }) => (strip || portion === undefined ? b : { ...b, portion })) }));
  const { banner, ...rest } = doc;
  return { ...rest, fields, sections, notes, ...(marking !== 'none' ? { banner: banner ?? 'UNCLASSIFIED' } : {}) };
}

export const MATRIX_DOCS = {
  'info-memo': infoMemo,
  'action-memo': actionMemo,
  'talking-points': talkingPoints,
  'background-brief': backgroundBrief,
  'situation-report': situationReport,
};

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'matrix';
  mkdirSync(out, { recursive: true });
  for (const [name, make] of Object.entries(MATRIX_DOCS)) {
    for (const marking of MARKING_MODES) {
      for (const notes of ['footnotes', 'endnotes'] as const) {
        const doc = variant(make(), marking, notes);
        await writeFileAtomic(join(out, `${name}-${marking}-${notes}.docx`), await renderDocx(doc, getTemplate(doc.templateId)));
      }
    }
  }
  console.log(`written to ${out}`);
}

// Run as a script (the bundle above), not when a test imports the variants.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
