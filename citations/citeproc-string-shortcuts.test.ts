/**
 * Each shortcut must give exactly what citeproc's own function gives. The originals come
 * from a second, untouched copy of citeproc loaded for this test, and the inputs are built
 * from the very characters the shortcuts look for, next to plain text, so a character
 * missing from a shortcut's test shows up as a difference.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CslItem } from '../core/csl';
import type { CiteprocEngine, CiteprocModule } from './citeproc';
import { installCaseShortcut, installEscapeShortcut, installFlipFlopShortcut } from './citeproc-string-shortcuts';
import { seededRandom } from './bench-data';
import { loadLocale } from './locales';
import { loadStyle } from './style-catalog';

/** A fresh citeproc module, not the shared one `citeproc()` has already patched. */
function untouchedCiteproc(): CiteprocModule {
  const require = createRequire(import.meta.url);
  const path = require.resolve('citeproc');
  const shared = require.cache[path];
  delete require.cache[path];
  try {
    return require('citeproc') as CiteprocModule;
  } finally {
    if (shared) require.cache[path] = shared;
  }
}

const PIECES = [
  'Ministry',
  ' of ',
  'Energy',
  '2024',
  '12–14',
  ' ',
  '  ',
  '\t',
  'é',
  'Ünal',
  'O’Brien',
  '’s',
  'rock ’n’ roll',
  '’',
  "'",
  '"',
  ' "',
  " '",
  '("',
  "('",
  '“',
  '”',
  '‘',
  '«',
  '»',
  '„',
  '<i>',
  '</i>',
  '<b>',
  '</b>',
  '<sc>',
  '</sc>',
  '<sup>',
  '</sup>',
  '<sub>',
  '</sub>',
  '<span class="nocase">',
  '<span class="nodecor">',
  '<span style="font-variant:small-caps;">',
  '</span>',
  '<',
  '>',
  '&',
  '&amp;',
  'ª',
  '²',
  'ᵉ',
  '™',
  'ʳ',
  '.',
  ',',
  ':',
];

function generatedStrings(count: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const out = [...PIECES, ''];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 6);
    let s = '';
    for (let j = 0; j < n; j++) s += PIECES[Math.floor(rand() * PIECES.length)];
    out.push(s);
  }
  return out;
}

function engineOf(CSL: CiteprocModule, styleId: string, lang: string, items: Map<string, CslItem>): CiteprocEngine {
  const engine = new CSL.Engine(
    { retrieveLocale: (l) => loadLocale(l), retrieveItem: (id) => items.get(id) },
    structuredClone(loadStyle(styleId).tree),
    lang,
    true,
  );
  engine.setOutputFormat('html');
  return engine;
}

describe('html escape shortcut', () => {
  it('returns what citeproc’s escaper returns for every string', () => {
    const CSL = untouchedCiteproc();
    const html = (CSL.Output as { Formats: { html: { text_escape(t: string): string } } }).Formats.html;
    const original = html.text_escape;
    installEscapeShortcut(CSL);
    expect(html.text_escape).not.toBe(original);
    for (const s of generatedStrings(3000, 7)) expect(html.text_escape(s), JSON.stringify(s)).toBe(original(s));
    expect(html.text_escape('')).toBe(original(''));
  });
});

describe('flip-flop shortcut', () => {
  for (const lang of ['en-US', 'fr-FR', 'de-DE']) {
    it(`leaves every output blob as citeproc’s parser leaves it (${lang} quotes)`, () => {
      const CSL = untouchedCiteproc();
      const items = new Map<string, CslItem>();
      const plain = engineOf(CSL, 'chicago-note-bibliography', lang, items);
      const fast = engineOf(CSL, 'chicago-note-bibliography', lang, items);
      installFlipFlopShortcut(fast);
      const Blob = CSL.Blob as new (s: string) => { blobs: unknown };
      const run = (engine: CiteprocEngine, s: string) => {
        const blob = new Blob(s);
        (engine as unknown as { fun: { flipflopper: { processTags(b: unknown): void } } }).fun.flipflopper.processTags(blob);
        return JSON.stringify(blob);
      };
      for (const s of generatedStrings(3000, 11)) expect(run(fast, s), JSON.stringify(s)).toBe(run(plain, s));
    });
  }
});

describe('all shortcuts together', () => {
  const tricky: CslItem[] = [
    {
      id: 'a',
      type: 'article-journal',
      title: 'The “Quiet” Crisis: <i>Realpolitik</i> & its <span class="nocase">iPhone</span> Critics',
      author: [{ family: 'O’Brien', given: 'Seán' }],
      'container-title': 'Foreign Affairs',
      issued: { 'date-parts': [[2023, 4]] },
      page: '12-34',
    },
    {
      id: 'b',
      type: 'report',
      title: "Ports 'under pressure': a ²nd look at <b>freight</b>  rates",
      author: [{ family: 'Ünal', given: 'Ayşe' }],
      publisher: 'Institut d’études',
      issued: { 'date-parts': [[2021]] },
    },
    {
      id: 'c',
      type: 'article-newspaper',
      title: 'Minister says "no deal" — «pas question»',
      author: [{ literal: 'Reuters Staff' }],
      'container-title': 'Le Monde',
      issued: { 'date-parts': [[2024, 11, 3]] },
    },
    {
      id: 'd',
      type: 'book',
      title: 'Plain Title Without Markup',
      author: [{ family: 'Chen', given: 'Li' }],
      publisher: 'Oxford University Press',
      'publisher-place': 'Oxford',
      issued: { 'date-parts': [[2019]] },
    },
  ];
  for (const styleId of ['chicago-fullnote-bibliography-with-ibid', 'apa', 'modern-language-association']) {
    for (const lang of ['en-US', 'fr-FR']) {
      it(`render notes and bibliography exactly as untouched citeproc (${styleId}, ${lang})`, () => {
        const items = new Map(tricky.map((i) => [i.id, i]));
        const render = (CSL: CiteprocModule, shortcuts: boolean) => {
          if (shortcuts) {
            installCaseShortcut(CSL);
            installEscapeShortcut(CSL);
          }
          const engine = engineOf(CSL, styleId, lang, items);
          if (shortcuts) installFlipFlopShortcut(engine);
          const citations = tricky.map((item, i) => ({
            citationID: `c${i}`,
            citationItems: [{ id: item.id, locator: String(3 + i), label: 'page' }],
            properties: { noteIndex: i + 1 },
          }));
          const notes = engine.rebuildProcessorState(citations, 'html', []).map(([, , html]) => html);
          return { notes, bibliography: engine.makeBibliography() };
        };
        const expected = render(untouchedCiteproc(), false);
        expect(JSON.stringify(expected)).toContain('&#38;'); // the tricky input reached the escaper
        expect(render(untouchedCiteproc(), true)).toEqual(expected);
      });
    }
  }
});
