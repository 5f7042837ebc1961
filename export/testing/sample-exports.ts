/**
 * Writes the fixture briefings as .docx, Markdown and plain text into a folder, for looking at
 * them and for checking them with outside tools (LibreOffice, pandoc, validators):
 *
 *   npx esbuild export/testing/sample-exports.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/dossier-samples.mjs && node /tmp/dossier-samples.mjs /tmp/samples
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocx } from '../docx/render';
import { renderMarkdown } from '../markdown';
import { renderPlainText } from '../plain-text';
import { getTemplate } from '../template/load';
import { writeFileAtomic } from '../../core/write-file';
import { actionMemo, backgroundBrief, hostileDoc, infoMemo, situationReport, talkingPoints } from './fixtures';
import { buildLetterhead } from './letterhead';
import { renderIntoLetterhead } from '../docx/letterhead';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'samples';
  mkdirSync(out, { recursive: true });
  const samples = [
    ['info-memo', infoMemo()],
    ['action-memo', actionMemo()],
    ['talking-points', talkingPoints()],
    ['background-brief', backgroundBrief()],
    ['situation-report', situationReport()],
    ['hostile', hostileDoc()],
  ] as const;
  for (const [name, doc] of samples) {
    const template = getTemplate(doc.templateId);
    await writeFileAtomic(join(out, `${name}.docx`), await renderDocx(doc, template));
    await writeFileAtomic(join(out, `${name}.md`), renderMarkdown(doc, template));
    await writeFileAtomic(join(out, `${name}.txt`), renderPlainText(doc, template));
  }
  const letterhead = await buildLetterhead();
  await writeFileAtomic(join(out, 'letterhead-template.docx'), letterhead);
  await writeFileAtomic(join(out, 'letterhead-info-memo.docx'), await renderIntoLetterhead(infoMemo(), getTemplate('info-memo'), letterhead));
  console.log(`samples written to ${out}`);
}

await main();
