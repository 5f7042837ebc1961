import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { exportBriefing, type ExportOptions } from '../export-briefing';
import { decodeXml, fieldInstructions, openDocx, type OpenedDocx, paragraphs, visibleText } from '../testing/docx-parts';
import { ZOTERO_BIBLIOGRAPHY_INSTRUCTION, ZOTERO_PREF_CHUNK, zoteroDocumentData } from './zotero-document';

let lib: Library;
let dir: string;
let done: () => void;
let briefingId: string;
const TODAY = new Date('2025-02-01T12:00:00Z');

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  briefingId = loadSample(lib, TODAY);
});
afterEach(() => done());

async function exported(name: string, opts: Partial<ExportOptions> = {}): Promise<OpenedDocx> {
  const r = await exportBriefing(lib, briefingId, { out: join(dir, name), today: TODAY, now: TODAY, ...opts });
  return openDocx(readFileSync(r.path));
}

/** ZOTERO_PREF_1, _2, … from docProps/custom.xml, in number order (not document order). */
function prefPieces(docx: OpenedDocx): string[] {
  const custom = docx.part('docProps/custom.xml');
  const pieces = [...custom.matchAll(/<property\b[^>]*name="ZOTERO_PREF_(\d+)"[^>]*>\s*<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>\s*<\/property>/g)].map(
    (m) => [Number(m[1]), decodeXml(m[2])] as const,
  );
  return pieces.sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

/** The preferences joined back as Zotero joins them, parsed as XML. */
function prefsOf(docx: OpenedDocx): Document {
  const xml = prefPieces(docx).join('');
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  expect(doc.documentElement.tagName).toBe('data');
  return doc;
}

const pref = (doc: Document, name: string) => doc.querySelector(`pref[name="${name}"]`)?.getAttribute('value');

describe("Zotero's document preferences in an exported briefing", () => {
  it('names the style by its CSL id, the locale and footnotes, in pieces Word can hold', async () => {
    const docx = await exported('foot.docx');
    const pieces = prefPieces(docx);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(ZOTERO_PREF_CHUNK);
    const doc = prefsOf(docx);
    expect(doc.documentElement.getAttribute('data-version')).toBe('3');
    expect(doc.querySelector('session')?.getAttribute('id')).toMatch(/^[A-Za-z0-9]{8}$/);
    const style = doc.querySelector('style')!;
    expect(style.getAttribute('id')).toBe('http://www.zotero.org/styles/chicago-fullnote-bibliography-with-ibid');
    expect(style.getAttribute('locale')).toBe('en-US');
    expect(style.getAttribute('hasBibliography')).toBe('1');
    expect(pref(doc, 'fieldType')).toBe('Field');
    expect(pref(doc, 'noteType')).toBe('1');
  });

  it('says endnotes for an endnote export and in-text (0) for an author-date style', async () => {
    expect(pref(prefsOf(await exported('end.docx', { notes: 'endnotes' })), 'noteType')).toBe('2');
    const apa = prefsOf(await exported('apa.docx', { styleId: 'apa' }));
    expect(pref(apa, 'noteType')).toBe('0');
    expect(apa.querySelector('style')?.getAttribute('id')).toBe('http://www.zotero.org/styles/apa');
  });

  it('escapes a style id or locale that XML would misread', () => {
    const xml = zoteroDocumentData({ styleUri: 'http://example.org/styles/a&b"c', locale: 'en-US', noteType: 'in-text', hasBibliography: false }, 'ABCDEFGH');
    const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
    // linkedom leaves entities in attribute values as written: decode them as an XML reader would.
    expect(xml).toContain('id="http://example.org/styles/a&amp;b&quot;c"');
    expect(decodeXml(doc.querySelector('style')?.getAttribute('id') ?? '')).toBe('http://example.org/styles/a&b"c');
    expect(doc.querySelector('style')?.getAttribute('hasBibliography')).toBe('0');
  });
});

describe("Zotero's bibliography field", () => {
  it('wraps the bibliography entries: begins in the first entry, ends in the last', async () => {
    for (const opts of [{}, { styleId: 'apa' }]) {
      const body = (await exported(`bib-${opts.styleId ?? 'note'}.docx`, opts)).part('word/document.xml');
      expect(fieldInstructions(body).filter((i) => i.includes('ZOTERO_BIBL'))).toEqual([` ${ZOTERO_BIBLIOGRAPHY_INSTRUCTION} `]);
      const paras = paragraphs(body);
      const first = paras.findIndex((p) => p.includes('ZOTERO_BIBL'));
      const last = paras.findIndex((p, i) => i >= first && /w:fldCharType="end"/.test(p.slice(p.lastIndexOf('ZOTERO_BIBL') + 1)));
      expect(first).toBeGreaterThan(0);
      expect(last).toBeGreaterThan(first);
      // The field's result is the entries, one per paragraph; the heading stays outside it.
      expect(visibleText(paras[first - 1])).toMatch(/Sources|References|Bibliography/i);
      for (const p of paras.slice(first, last + 1)) expect(visibleText(p).length).toBeGreaterThan(20);
      expect(paras.slice(last + 1).some((p) => /ZOTERO|fldChar/.test(p))).toBe(false);
    }
  });
});
