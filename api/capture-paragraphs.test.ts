import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempLibrary } from '../db/testing/temp-library';
import { createDispatcher } from './handlers';

/**
 * The capture screen sends pasted text to capture:preview / capture:commit: the paragraphs it
 * shows and saves must be the ones `dossier import` finds (ingest/formats/text-paragraphs.ts).
 */
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'cli', 'fixtures', 'paragraphs', name), 'utf8');

let call: ReturnType<typeof createDispatcher>;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  done = t.cleanup;
  call = createDispatcher(t.lib, { allowWrite: () => false });
});
afterEach(() => done());

type Preview = { ok: true; value: { candidates: { text: string; locator: { label: string; value: string } }[] } };
const cited = (p: unknown) => (p as Preview).value.candidates.map((c) => [c.locator.value, c.text.slice(0, 24)]);

describe('capture screen: pasted text cites the paragraph each fact stands in', () => {
  it('one paragraph per line (copied from a web page)', async () => {
    const p = await call('capture:preview', [{ text: fixture('web-article.txt') }]);
    expect(p.ok).toBe(true);
    expect(cited(p).map(([para]) => para)).toEqual(['1', '2', '3', '4', '4', '5', '6', '7', '8', '9', '9']);
    const c = await call('capture:commit', [{ text: fixture('web-article.txt'), source: { title: 'Grain corridor reopens' }, keep: '7-8' }]);
    expect(c).toMatchObject({ ok: true, value: { facts: [{ locator: { label: 'paragraph', value: '6' } }, { locator: { label: 'paragraph', value: '7' } }] } });
  });

  it('an e-mail hard-wrapped at 72 columns, no blank lines', async () => {
    const p = await call('capture:preview', [{ text: fixture('email-72.txt') }]);
    expect(cited(p)).toEqual([
      ['1', 'Hi Tom,'],
      ['2', 'Following up on yesterda'],
      ['2', 'The ministry confirmed t'],
      ['3', 'Exports fell 30% to 3.2 '],
      ['4', 'Brokers in London tell m'],
      ['4', 'Two underwriters have st'],
      ['5', 'Best,'],
      ['6', 'Marta'],
    ]);
  });
});
