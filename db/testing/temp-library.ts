import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../library';

/** A real library file in a fresh temporary folder; `cleanup` closes and removes it. */
export function tempLibrary(): { lib: Library; dir: string; path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-test-'));
  const path = join(dir, 'library.sqlite');
  const lib = Library.open(path);
  return {
    lib,
    dir,
    path,
    cleanup() {
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SAMPLE_SOURCE = {
  type: 'article-newspaper',
  title: 'Grain corridor reopens as talks resume',
  authors: [{ family: 'Okafor', given: 'Adaeze' }],
  containerTitle: 'The Meridian Herald',
  issued: '2024-01-19',
  url: 'https://meridian.example/grain-corridor',
  reliability: 'B',
} as const;
