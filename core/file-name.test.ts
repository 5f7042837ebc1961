import { describe, expect, it } from 'vitest';
import { safeFileName } from './file-name';

describe('safeFileName', () => {
  it('keeps an ordinary title', () => {
    expect(safeFileName('Black Sea Grain Corridor – March 2025', 'docx')).toBe('Black Sea Grain Corridor – March 2025.docx');
    expect(safeFileName('Memo', '.md')).toBe('Memo.md');
  });

  it('removes path separators and parent references', () => {
    expect(safeFileName('../../etc/passwd', 'docx')).toBe('etc passwd.docx');
    expect(safeFileName('..\\..\\Windows\\win.ini', 'docx')).toBe('Windows win.ini.docx');
    expect(safeFileName('/absolute/path', 'docx')).toBe('absolute path.docx');
    expect(safeFileName('..', 'docx')).toBe('briefing.docx');
    expect(safeFileName('.hidden', 'txt')).toBe('hidden.txt');
  });

  it('replaces characters Windows reserves', () => {
    const out = safeFileName('a<b>c:d"e/f\\g|h?i*j', 'docx');
    expect(out).toBe('a b c d e f g h i j.docx');
    expect(out).not.toMatch(/[<>:"/\\|?*]/);
  });

  it('suffixes Windows device names, with or without an extension-like part', () => {
    expect(safeFileName('CON', 'docx')).toBe('CON_.docx');
    expect(safeFileName('nul', 'txt')).toBe('nul_.txt');
    expect(safeFileName('com1', 'docx')).toBe('com1_.docx');
    expect(safeFileName('LPT9', 'docx')).toBe('LPT9_.docx');
    expect(safeFileName('aux.tar', 'gz')).toBe('aux_.tar.gz');
    expect(safeFileName('Console', 'docx')).toBe('Console.docx');
    expect(safeFileName('COM10', 'docx')).toBe('COM10.docx');
  });

  it('drops trailing dots and spaces', () => {
    expect(safeFileName('Report... ', 'docx')).toBe('Report.docx');
    expect(safeFileName('  spaced  out  ', 'docx')).toBe('spaced out.docx');
  });

  it('removes control, bidi-override and zero-width characters', () => {
    expect(safeFileName('invoice\u202Excod.exe', 'docx')).toBe('invoicexcod.exe.docx');
    expect(safeFileName('a\u200Bb\u200Dc\uFEFFd\u2066e\u2069', 'docx')).toBe('abcde.docx');
    expect(safeFileName('tab\there\nnew\u0000line\u0007', 'docx')).toBe('tab here new line.docx');
  });

  it('keeps non-Latin scripts and emoji', () => {
    expect(safeFileName('서울 회의 🌾', 'docx')).toBe('서울 회의 🌾.docx');
    expect(safeFileName('اجتماع أنقرة', 'docx')).toBe('اجتماع أنقرة.docx');
  });

  it('caps the length without splitting a surrogate pair', () => {
    const long = safeFileName('x'.repeat(400), 'docx');
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('.docx')).toBe(true);
    const emoji = safeFileName('a' + '🌾'.repeat(200), 'docx');
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('is never empty', () => {
    expect(safeFileName('', 'docx')).toBe('briefing.docx');
    expect(safeFileName('   ', 'docx')).toBe('briefing.docx');
    expect(safeFileName('???', 'docx')).toBe('briefing.docx');
    expect(safeFileName('\u202E\u200B', '')).toBe('briefing');
  });

  it('cleans the extension too', () => {
    expect(safeFileName('memo', '../docx')).toBe('memo.docx');
    expect(safeFileName('memo', 'do/cx')).toBe('memo.docx');
  });
});
