/**
 * `npm test` runs ESLint, Prettier and dependency-cruiser over the repository. These tests show
 * each of them failing on what it is there to catch — a layering violation, an import cycle, a
 * lint error, an unformatted file — with the repository's own configuration, so a rule that was
 * switched off or a config that no longer loads is noticed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** A small copy of the repository's layout with the real rules: files written per case. */
let mini: string;
beforeAll(() => {
  mini = mkdtempSync(join(tmpdir(), 'dossier-rules-'));
  copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(mini, '.dependency-cruiser.cjs'));
  writeFileSync(join(mini, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }));
});
afterAll(() => rmSync(mini, { recursive: true, force: true }));

function cruise(files: Record<string, string>): { code: number | null; out: string } {
  const dir = mkdtempSync(join(mini, 'case-'));
  copyFileSync(join(mini, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  copyFileSync(join(mini, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const folders = [...new Set(Object.keys(files).map((p) => p.split('/')[0]))];
  const r = spawnSync(process.execPath, [DEPCRUISE, ...folders, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('the dependency rules', () => {
  it('pass a layering the table allows', () => {
    const r = cruise({ 'core/model.ts': 'export type Id = string;\n', 'db/repo.ts': "import type { Id } from '../core/model';\nexport const id: Id = 'x';\n" });
    expect(r.out).toContain('no dependency violations found');
    expect(r.code).toBe(0);
  });

  it('fail when core imports the database, type-only imports included', () => {
    const r = cruise({ 'core/model.ts': "import type { Row } from '../db/repo';\nexport type Id = Row;\n", 'db/repo.ts': 'export type Row = string;\n' });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('layer-core: core/model.ts → db/repo.ts');
  });

  it('fail when the renderer reaches past the API', () => {
    const r = cruise({ 'renderer/src/view.ts': "import { x } from '../../db/repo';\nexport const y = x;\n", 'db/repo.ts': 'export const x = 1;\n' });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('layer-renderer');
  });

  it('fail on an import cycle between two files', () => {
    const r = cruise({
      'ingest/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'ingest/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('no-circular-files');
  });

  it('let test helpers reach across rooms', () => {
    const r = cruise({ 'core/model.test.ts': "import { x } from '../db/repo';\nexport const y = x;\n", 'db/repo.ts': 'export const x = 1;\n' });
    expect(r.code).toBe(0);
  });
});

describe('ESLint and Prettier with the repository configuration', () => {
  const file = join(ROOT, 'core', 'errors.ts');
  const source = readFileSync(file, 'utf8');

  it('ESLint passes the file as it is and fails it with an unused name or a floating promise', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const clean = await eslint.lintText(source, { filePath: file });
    expect(clean[0].messages).toEqual([]);
    const bad = `${source}\nconst unused = 1;\nexport async function later(): Promise<void> {}\nexport function fire(): void {\n  later();\n}\n`;
    const [r] = await eslint.lintText(bad, { filePath: file });
    expect(r.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['@typescript-eslint/no-unused-vars', '@typescript-eslint/no-floating-promises']));
  }, 120_000);

  it('Prettier passes the file as it is and fails it unformatted', async () => {
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    expect(await prettier.check(source, options)).toBe(true);
    expect(
      await prettier.check(source.replace('export function errorCode(e: unknown): string {', 'export function errorCode( e : unknown ) : string{'), options),
    ).toBe(false);
  });
});
