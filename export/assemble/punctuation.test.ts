import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import infoMemoJson from '../../templates/builtin/info-memo.json';
import { tempLibrary } from '../../db/testing/temp-library';
import { assembleBriefing } from '../assemble';
import type { Inline } from '../document';
import { marksBriefing } from '../testing/marks-fixture';
import { placeCitations, type PunctuationRule } from './punctuation';

const field = { instruction: 'ADDIN ZOTERO_ITEM CSL_CITATION {}' };
const t = (text: string, bold?: boolean): Inline => ({ type: 'text', run: { text, ...(bold ? { bold } : {}) } });
const n = (k: number): Inline => ({ type: 'note', noteNumber: k, runs: [{ text: `note ${k}` }], field, clusterId: `c${k}` });
const c = (k: number): Inline => ({ type: 'cite', runs: [{ text: `(Lee ${k})` }], field, clusterId: `c${k}` });
const show = (xs: Inline[]) => xs.map((x) => (x.type === 'text' ? x.run.text : x.type === 'note' ? `^${x.noteNumber}` : x.runs[0].text)).join('');

const after: PunctuationRule = { mode: 'footnotes', notesAfterPunctuation: true };
const before: PunctuationRule = { mode: 'footnotes', notesAfterPunctuation: false };
const inText: PunctuationRule = { mode: 'in-text', notesAfterPunctuation: true };

describe('where a citation stands against punctuation', () => {
  it.each([
    // [inlines, notes after punctuation, notes before punctuation]
    [[t('in January '), n(1), t('.')], 'in January.^1', 'in January^1.'],
    [[t('“We won '), n(1), t(',” she said.')], '“We won,”^1 she said.', '“We won^1,” she said.'],
    [[t('rose '), n(1), t(' in January.')], 'rose^1 in January.', 'rose^1 in January.'],
    [[t('in January.')], 'in January.', 'in January.'],
    [[t('in January. '), n(1)], 'in January.^1', 'in January^1.'],
    [[t('in January. '), n(1), t('.')], 'in January.^1', 'in January^1.'],
    [[t('the ministers '), n(1), t('’s plan')], 'the ministers^1’s plan', 'the ministers^1’s plan'],
    [[t('two notes '), n(1), t(' '), n(2), t('.')], 'two notes.^1^2', 'two notes^1^2.'],
  ] as [Inline[], string, string][])('%#: notes', (inlines, afterText, beforeText) => {
    expect(show(placeCitations(inlines, after))).toBe(afterText);
    expect(show(placeCitations(inlines, before))).toBe(beforeText);
  });

  it.each([
    [[t('rose '), c(1), t('.')], 'rose (Lee 1).'],
    [[t('rose.'), c(1)], 'rose (Lee 1).'],
    [[t('rose'), c(1), t('.')], 'rose (Lee 1).'],
    [[t('was “a test.” '), c(1)], 'was “a test” (Lee 1).'],
    [[t('rose. '), c(1), t(' Then it fell.')], 'rose (Lee 1). Then it fell.'],
    [[t('rose '), c(1), t(' '), c(2), t('.')], 'rose (Lee 1) (Lee 2).'],
    [[t('rose '), c(1), t(' in January.')], 'rose (Lee 1) in January.'],
  ] as [Inline[], string][])('%#: in-text', (inlines, text) => {
    expect(show(placeCitations(inlines, inText))).toBe(text);
  });

  it('keeps the formatting of the punctuation it moves', () => {
    expect(placeCitations([t('Bold ', true), n(1), t('.', true)], after)).toEqual([t('Bold', true), t('.', true), n(1)]);
  });

  it("is the template's choice (citation.notesAfterPunctuation), for placed facts and marks alike", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-punct-'));
    const lib = tempLibrary();
    try {
      const template = JSON.parse(JSON.stringify(infoMemoJson));
      template.id = 'notes-before';
      template.name = 'Notes before punctuation';
      template.citation.notesAfterPunctuation = false;
      writeFileSync(join(dir, 'notes-before.json'), JSON.stringify(template));
      const f = marksBriefing(lib.lib);
      const a = assembleBriefing(lib.lib, f.briefingId, { templateId: 'notes-before', templateDir: dir });
      const blocks = a.doc.sections.find((s) => s.key === 'discussion')!.blocks.map((b) => show(b.inlines));
      expect(blocks).toEqual(['Ships carrying grain left Odesa on Jan. 18^1.', 'Own sentence^2 continues^3.', 'Two insurers returned to the route^4.']);
    } finally {
      lib.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
