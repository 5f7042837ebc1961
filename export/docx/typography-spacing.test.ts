/**
 * French spacing, ellipses and spaced dashes in a real exported .docx (word/document.xml), for
 * a French document (a house style whose default locale is fr-FR) and a US English one; the
 * stored text and the Markdown export keep what the author typed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINIMAL_CSL } from '../../citations/test-fixtures';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { exportBriefing } from '../export-briefing';
import { openDocx, paragraphs, visibleText } from '../testing/docx-parts';

const TODAY = new Date('2025-02-01T12:00:00Z');
const NNBSP = '\u202f';
const NBSP = '\u00a0';

let lib: Library;
let dir: string;
let done: () => void;
let briefingId: string;
let factId: string;
beforeEach(() => {
  const tl = tempLibrary();
  lib = tl.lib;
  dir = tl.dir;
  done = tl.cleanup;
  briefingId = loadSample(lib, TODAY);
  const fact = lib
    .getBriefing(briefingId)
    .sections.flatMap((s) => s.items)
    .find((i) => i.kind === 'fact');
  factId = (fact as { factId: string }).factId;
});
afterEach(() => done());

function addProse(text: string): void {
  lib.addItems(briefingId, [{ kind: 'prose', text: text.replace('FACT', factId) }], lib.getBriefing(briefingId).sections[0].key);
}

/** The body paragraph that starts with `start` after its portion mark ("(U) "), as Word shows it. */
function bodyParagraph(docx: Buffer, start: string): string {
  const body = openDocx(docx).part('word/document.xml');
  const found = paragraphs(body)
    .map((p) => visibleText(p).replace(/^\(U\) /, ''))
    .find((p) => p.startsWith(start));
  expect(found, `no paragraph starting "${start}"`).toBeDefined();
  return found!;
}

describe('a French document', () => {
  const PROSE = `Le ministre a dit "c'est un tournant"[@FACT] ; la suite: voir https://example.org/a?b=c; ou écrire à jean@example.fr... Vraiment ? Oui - enfin ! Il est 10:30.`;

  it('prints no-break spaces before ; : ! ? and inside « », an ellipsis and a spaced dash; the Markdown keeps what was typed', async () => {
    addProse(PROSE);
    const styles = join(dir, 'styles');
    mkdirSync(styles);
    writeFileSync(join(styles, 'maison-fr.csl'), MINIMAL_CSL.replace('version="1.0">', 'version="1.0" default-locale="fr-FR">'));
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'note.docx'), styleId: 'maison-fr', styleDir: styles, today: TODAY, now: TODAY });
    const para = bodyParagraph(readFileSync(r.path), 'Le ministre');
    // The in-text citation, as citeproc wrote it, sits between the closing guillemet and the semicolon.
    const m = /^Le ministre a dit «\u00a0c’est un tournant\u00a0» ?(\(.*?\))(.*)$/u.exec(para);
    expect(m, para).not.toBeNull();
    expect(m![1]).toMatch(/\d{4}\)$/);
    expect(m![2]).toBe(
      `${NNBSP}; la suite${NBSP}: voir https://example.org/a?b=c${NNBSP}; ou écrire à jean@example.fr… Vraiment${NNBSP}? Oui — enfin${NNBSP}! Il est 10:30.`,
    );

    const md = await exportBriefing(lib, briefingId, {
      out: join(dir, 'note.md'),
      format: 'markdown',
      styleId: 'maison-fr',
      styleDir: styles,
      today: TODAY,
      now: TODAY,
    });
    const mdText = readFileSync(md.path, 'utf8');
    expect(mdText).toContain(`"c'est un tournant"`);
    // (Markdown escapes the @ of the address: jean\@example.fr.)
    expect(mdText).toContain(` ; la suite: voir https://example.org/a?b=c; ou écrire à jean`);
    expect(mdText).toContain(`@example.fr... Vraiment ? Oui - enfin ! Il est 10:30.`);
    const stored = lib
      .getBriefing(briefingId)
      .sections.flatMap((s) => s.items)
      .find((i) => i.kind === 'prose' && i.text.startsWith('Le ministre'));
    expect((stored as { text: string }).text).toBe(PROSE.replace('FACT', factId));
  });
});

describe('a US English document', () => {
  it('prints an ellipsis and an em dash for a spaced hyphen, and no space before ; : ! ?', async () => {
    addProse('The minister said "enough"; then: wait... really? Yes - at 10:30 - well-known, 2019 - 2020!');
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.docx'), today: TODAY, now: TODAY });
    expect(bodyParagraph(readFileSync(r.path), 'The minister said')).toBe(
      'The minister said “enough”; then: wait… really? Yes — at 10:30 — well-known, 2019 - 2020!',
    );
  });
});
