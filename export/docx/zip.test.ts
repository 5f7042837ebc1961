import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import { ZIP_LIMITS } from '../../core/zip/policy';
import { highRatioZip, manyEntriesZip } from '../../core/zip/testing';
import { crc32, readZip, writeZip } from './zip';

describe('zip', () => {
  it('round-trips entries, stored and deflated, with UTF-8 names', () => {
    const entries = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>'.repeat(100)) },
      { name: 'word/media/seal.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'word/서울.xml', data: Buffer.from('한국어 ✓') },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const back = readZip(writeZip(entries));
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    back.forEach((e, i) => expect(e.data.equals(entries[i].data)).toBe(true));
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('refuses what is not a zip, and archives that inflate past the cap', () => {
    expect(() => readZip(Buffer.from('hello'))).toThrow(DossierError);
    const big = writeZip([{ name: 'a.xml', data: Buffer.alloc(2_000_000, 0x41) }]);
    expect(big.length).toBeLessThan(20_000);
    expect(() => readZip(big, { ...ZIP_LIMITS, maxTotalBytes: 1_000_000 })).toThrow(
      /^not a readable \.docx \(zip\): refused: the archive would expand to 1\.9 MB/,
    );
  });

  it('applies the one zip-bomb policy (core/zip/policy.ts): a high-ratio entry, too many entries', () => {
    expect(() => readZip(highRatioZip())).toThrow(/^not a readable \.docx \(zip\): refused: the archive has an entry .* that expands 10\d\d:1/);
    expect(() => readZip(manyEntriesZip())).toThrow(/^not a readable \.docx \(zip\): refused: it has 10,002 entries/);
  });

  it('refuses an entry that inflates to more than it claims', () => {
    const zip = writeZip([{ name: 'a.xml', data: Buffer.from('short') }]);
    // Swap in a deflated payload far larger than the recorded size.
    const bomb = deflateRawSync(Buffer.alloc(100_000, 0x41));
    const local = zip.subarray(0, 30 + 'a.xml'.length);
    const rebuilt = Buffer.from(local);
    rebuilt.writeUInt32LE(bomb.length, 18);
    const central = Buffer.from(zip.subarray(zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))));
    central.writeUInt32LE(bomb.length, 20);
    central.writeUInt32LE(30 + 5 + bomb.length, 46 + 5 + 16);
    const forged = Buffer.concat([rebuilt, bomb, central]);
    expect(() => readZip(forged)).toThrow(DossierError);
  });
});
