import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing/temp-library';
import { defaultDocumentReader, importBytes, readImportFile, safeDisplayName } from './import-file';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());
const ctx = { signal: new AbortController().signal, progress: () => undefined };

describe('importing a file', () => {
  it('reads text, Markdown and HTML into blocks', async () => {
    const md = await importBytes(new TextEncoder().encode('# Title\n\nFirst paragraph. Second sentence.\n'), 'a.md', defaultDocumentReader, ctx);
    expect(md).toMatchObject({
      fileName: 'a.md',
      format: 'markdown',
      document: { blocks: expect.arrayContaining([expect.objectContaining({ kind: 'heading' })]) },
    });
    const html = await importBytes(
      new TextEncoder().encode(
        '<!doctype html><html><head><title>T</title></head><body><p onclick="x()">Hello there, reader.</p><script>alert(1)</script></body></html>',
      ),
      'p.html',
      defaultDocumentReader,
      ctx,
    );
    expect(html.format).toBe('html');
    expect(JSON.stringify(html.document)).not.toContain('alert(1)');
  });

  it('says why a file cannot be imported', async () => {
    await expect(importBytes(new TextEncoder().encode('@article{k, title={T}}'), 'refs.bib', defaultDocumentReader, ctx)).rejects.toThrow(/bibliography/);
    await expect(importBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'old.doc', defaultDocumentReader, ctx)).rejects.toThrow(/\.docx/);
  });

  it('reads only regular files, and stops when cancelled', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    expect(new TextDecoder().decode(await readImportFile(join(dir, 'a.txt'), ctx.signal))).toBe('hello');
    mkdirSync(join(dir, 'folder'));
    await expect(readImportFile(join(dir, 'folder'), ctx.signal)).rejects.toThrow(/not a file/);
    await expect(readImportFile(join(dir, 'missing.txt'), ctx.signal)).rejects.toThrow(/no longer exists/);
    const c = new AbortController();
    c.abort();
    await expect(readImportFile(join(dir, 'a.txt'), c.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('shows file names without folders, control or bidi characters', () => {
    expect(safeDisplayName('C:\\Users\\a\\report.pdf')).toBe('report.pdf');
    expect(safeDisplayName('../../etc/passwd')).toBe('passwd');
    expect(safeDisplayName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeDisplayName('\u0000\u0007')).toBe('file');
    expect(safeDisplayName('x'.repeat(400))).toHaveLength(255);
  });
});
