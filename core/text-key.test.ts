import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rng } from './seeded-random';
import { textHash } from './text-key';

/** The key as every library's stored hashes were made: the hash must never change. */
function storedHash(text: string): Buffer {
  const key = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(key).digest().subarray(0, 16);
}

describe('textHash', () => {
  it('gives the hash libraries already store, for ASCII and other text alike', () => {
    const r = rng(3);
    const pieces = [
      'Grain',
      ' ',
      '  ',
      'EXPORTS',
      '3.2%',
      '"',
      "'",
      '-',
      '\t',
      '\n',
      '\u00a0',
      '\u2019',
      '\u201c',
      '\u2013',
      'ﬁ',
      'Café',
      'Zürich',
      '🚢',
      '~',
      '\x7f',
      '\x1f',
      'İ',
    ];
    const texts = ['', ' ', 'Grain moved.', '  Grain   moved.  ', 'Grain\tmoved.'];
    for (let i = 0; i < 5000; i++) texts.push(Array.from({ length: 1 + Math.floor(r() * 12) }, () => pieces[Math.floor(r() * pieces.length)]).join(''));
    for (const t of texts) expect(textHash(t).toString('hex'), JSON.stringify(t)).toBe(storedHash(t).toString('hex'));
    expect(textHash('Grain moved.').toString('hex')).toBe(textHash(' grain   MOVED. ').toString('hex'));
  });
});
