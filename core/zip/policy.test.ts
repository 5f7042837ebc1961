import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkZip, listZip, readZipFiles, ZIP_LIMITS, ZipFormatError, ZipLocked, ZipRefused } from './policy';
import { highRatioZip, manyEntriesZip } from './testing';

/** Rewrites every size field (local and central) of a one-entry archive to `size`. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) {
    const sig = view.getUint32(p, true);
    if (sig === 0x04034b50) view.setUint32(p + 22, size, true);
    if (sig === 0x02014b50) view.setUint32(p + 24, size, true);
  }
  return out;
}

describe('the zip-bomb policy', () => {
  it('reads every entry of an ordinary archive, in order, byte for byte', () => {
    const big = new TextEncoder().encode('<w:p>Grain corridor</w:p>'.repeat(50_000));
    const files = readZipFiles(zipSync({ 'a.xml': strToU8('<a/>'), 'word/서울.xml': strToU8('한국어'), 'big.xml': big, empty: new Uint8Array(0) }));
    expect(files.map((f) => f.name)).toEqual(['a.xml', 'word/서울.xml', 'big.xml', 'empty']);
    expect(new TextDecoder().decode(files[1].data)).toBe('한국어');
    expect(files[2].data).toEqual(big);
    expect(files[3].data.length).toBe(0);
  });

  it('refuses an entry that expands more than 1,000:1, though the total is within budget', () => {
    const bomb = highRatioZip();
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => checkZip(bomb)).toThrow(ZipRefused);
    expect(() => readZipFiles(bomb)).toThrow(/^refused: the archive has an entry \("word\/media\/padding\.bin"\) that expands 10\d\d:1/);
    // The same bytes pass once the ratio is allowed: the ratio, not the size, refused it.
    expect(checkZip(bomb, { ...ZIP_LIMITS, maxRatio: 2000 }).length).toBe(2);
  });

  it('refuses a high ratio that the directory hides (sizes declared small, measured by inflating)', () => {
    const liar = declareSize(zipSync({ 'pad.bin': new Uint8Array(5 * 1024 * 1024) }, { level: 9 }), 1000);
    expect(() => checkZip(liar)).toThrow(/expands 10\d\d:1/);
  });

  it('refuses more entries than the limit, before inflating or listing them', () => {
    expect(() => checkZip(manyEntriesZip())).toThrow(/^refused: it has 10,002 entries \(more than 10,000\)/);
    expect(() => listZip(manyEntriesZip())).toThrow(ZipRefused);
    expect(listZip(manyEntriesZip(), { ...ZIP_LIMITS, maxEntries: 20_000 }).length).toBe(10_002);
  });

  it('refuses a total past the budget, declared or real', () => {
    const zeros = zipSync({ a: new Uint8Array(3 * 1024 * 1024), b: new Uint8Array(3 * 1024 * 1024) }, { level: 9 });
    const limits = { ...ZIP_LIMITS, maxTotalBytes: 5 * 1024 * 1024, maxRatio: 2000 };
    expect(() => checkZip(zeros, limits)).toThrow(/would expand to 6\.0 MB/);
    const one = zipSync({ a: new Uint8Array(6 * 1024 * 1024) }, { level: 9 });
    expect(() => readZipFiles(declareSize(one, 1000), limits)).toThrow(/expands to more than 5\.0 MB/);
  });

  it('tells damage, encryption and not-a-zip apart from refusals', () => {
    const ok = zipSync({ 'a.xml': strToU8('<a/>') });
    expect(() => checkZip(ok.slice(0, ok.length - 10))).toThrow(ZipFormatError);
    expect(() => checkZip(ok.slice(0, ok.length - 10))).not.toThrow(ZipRefused);
    const locked = ok.slice();
    const view = new DataView(locked.buffer);
    for (let p = 0; p + 4 <= locked.length; p++) if (view.getUint32(p, true) === 0x02014b50) view.setUint16(p + 8, 1, true);
    expect(() => checkZip(locked)).toThrow(ZipLocked);
    expect(() => checkZip(strToU8('plain text'))).toThrow(/not a ZIP archive/);
  });
});
