import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { filesFromArgv, filesFromSecondInstance } from './launch-files';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7');
  mkdirSync(join(dir, 'folder'));
});
afterEach(() => cleanup());

describe('files handed over at launch', () => {
  it('takes existing files from the command line, skipping the app, switches and folders', () => {
    expect(
      filesFromArgv(['/opt/Dossier/dossier', '--no-sandbox', 'report.pdf', 'folder', 'missing.txt', '--original-process-start-time=1'], dir, true),
    ).toEqual([join(dir, 'report.pdf')]);
    expect(filesFromArgv(['/usr/bin/electron', '.', join(dir, 'report.pdf')], '/', false)).toEqual([join(dir, 'report.pdf')]);
  });

  it('reads only a well-formed list of absolute paths from a second instance', () => {
    expect(filesFromSecondInstance({ files: [join(dir, 'report.pdf'), 'relative.pdf', join(dir, 'folder')] })).toEqual([join(dir, 'report.pdf')]);
    expect(filesFromSecondInstance({ files: 'x' })).toEqual([]);
    expect(filesFromSecondInstance(null)).toEqual([]);
  });
});
