import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text';

describe('decodeText', () => {
  it('reads Windows-1252 curly quotes, dashes and the euro sign (not as C1 controls)', () => {
    expect(decodeText(new Uint8Array([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]))).toBe('“A” – €5');
  });
  it('reads UTF-8 with and without BOM, and UTF-16 with a BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa9]))).toBe('é');
    expect(decodeText(Buffer.from('Grüße', 'utf8'))).toBe('Grüße');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]))).toBe('Aé');
  });
  it('refuses binary data with a clear message', () => {
    expect(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'photo.txt')).toThrow(/photo\.txt: this is not a text file/);
  });
});
