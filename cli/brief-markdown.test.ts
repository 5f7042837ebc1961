/**
 * `dossier brief export-md` and `dossier brief import`, in-process and through the built
 * command line: the round trip, read-only export, and a refused file that writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { addFacts, content } from '../export/briefing-md/testing';
import { getTemplate } from '../export/template/index';
import { type CliRun, runInProcess } from './testing/in-process';
import { COMMANDS } from './commands/index';

const BIN = join(__dirname, '..', 'bin', 'dossier.js');
const BUILT = existsSync(join(__dirname, '..', 'dist', 'cli', 'dossier.js'));
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  if (existsSync(join(dir, 'shelf'))) chmodSync(join(dir, 'shelf'), 0o755);
  cleanup();
});

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A talking-points briefing with a cluster, a short-id-free reworded fact, a lead and a marking. */
function buildLibrary(path: string): { id: string; facts: string[] } {
  const lib = Library.open(path);
  const facts = addFacts(lib, 5);
  const t = getTemplate('talking-points');
  const b = lib.createBriefing(
    { title: 'Corridor points', templateId: t.id, portionMarks: true, fields: { subject: 'Grain' } },
    t.sections.map((s) => ({ key: s.key, heading: s.heading })),
  );
  lib.addItems(b.id, [
    { kind: 'prose', text: `Ships moved [see @${facts[0]}, p. 4; -@${facts[1]}, para. 3, emphasis added].\n\n- and a bullet` },
    { kind: 'fact', factId: facts[2], lead: 'Insurance', wording: 'Insurers are back.', locator: { label: 'section', value: '2' }, marking: 'CUI' },
    { kind: 'prose', text: 'Next item.', marking: 'CUI' },
  ]);
  lib.close();
  return { id: b.id, facts };
}

function cli(library: string, args: string[], stdin = ''): Promise<CliRun> {
  return runInProcess(library, args, stdin);
}

describe('dossier brief export-md and brief import', () => {
  it('round-trips a briefing through a file and through standard input; export-md only reads', async () => {
    const path = join(dir, 'lib.sqlite');
    const { id } = buildLibrary(path);
    expect(COMMANDS.find((c) => c.name.join(' ') === 'brief export-md')!.access).toBe('read');
    const before = hash(path);
    const printed = await cli(path, ['brief', 'export-md', id]);
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    const file = join(dir, 'memo.md');
    const written = await cli(path, ['brief', 'export-md', id.slice(0, 8), '--out', file]);
    expect(written.code, written.err).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(printed.out);
    expect(hash(path)).toBe(before);

    const imported = await cli(path, ['brief', 'import', file, '--json']);
    expect(imported.code, imported.err).toBe(0);
    const fromStdin = await cli(path, ['brief', 'import', '-', '--json'], printed.out);
    expect(fromStdin.code, fromStdin.err).toBe(0);
    const lib = Library.open(path);
    const original = content(lib.getBriefing(id));
    expect(content(lib.getBriefing(JSON.parse(imported.out).id))).toEqual(original);
    expect(content(lib.getBriefing(JSON.parse(fromStdin.out).id))).toEqual(original);
    // What came in is the imported briefing's first version, with its notes.
    const versions = lib.listVersions(JSON.parse(imported.out).id);
    expect(versions.map((v) => [v.number, v.reason])).toEqual([[1, 'import']]);
    expect(lib.getVersion(JSON.parse(imported.out).id, 1).notes.length).toBeGreaterThan(0);
    lib.close();
  });

  it('refuses a bad file with its name, line and column, exit code 2, and writes nothing', async () => {
    const path = join(dir, 'lib.sqlite');
    const { facts } = buildLibrary(path);
    const before = hash(path);
    const file = join(dir, 'draft.md');
    writeFileSync(file, `---\ntemplate: info-memo\ntitle: Draft\n---\n\n## BLUF\n\nFine [@${facts[0].slice(0, 6)}].\n\nUnknown [see @ffffff0, p. 2].\n`);
    const r = await cli(path, ['brief', 'import', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`dossier: ${file}: line 10, column 15: no fact has the id "ffffff0"; nothing was imported`);
    writeFileSync(file, Buffer.concat([Buffer.from('---\ntemplate: info-memo\ntitle: Caf'), Buffer.from([0xe9, 0x0a]), Buffer.from('---\n')]));
    expect((await cli(path, ['brief', 'import', file])).err).toMatch(/draft\.md: line 3, column 11: the file is not UTF-8 text \(byte 0xe9\)/);
    expect(hash(path)).toBe(before);
  });
});

describe('brief import: unknown choices in the front matter', () => {
  it('an unknown template, style, notes or marking is a usage error at its line naming the valid ones; nothing is stored', async () => {
    const path = join(dir, 'lib.sqlite');
    buildLibrary(path);
    const before = hash(path);
    const file = join(dir, 'draft.md');
    const head = (extra: string, template = 'info-memo') => `---\ntemplate: ${template}\ntitle: Draft\n${extra}---\n\n## BLUF\n\nText.\n`;
    const cases: Array<[string, string, string, string[]]> = [
      [head('', 'memo'), 'line 2, column 11', 'unknown template "memo"; valid', ['info-memo', 'talking-points', '(see: dossier templates)']],
      [head('style: harvard-ish\n'), 'line 4, column 8', 'unknown style "harvard-ish"; valid', ['apa', 'chicago-note-bibliography', '(see: dossier styles)']],
      [head('notes: sidenotes\n'), 'line 4, column 8', 'unknown notes "sidenotes"; valid', ['footnotes, endnotes']],
      [head('marking: SECRETISH\n'), 'line 4, column 10', '--marking: "SECRETISH" is not a marking of scheme', ['U', 'CUI', '(see: dossier markings)']],
    ];
    for (const [text, where, bad, valid] of cases) {
      writeFileSync(file, text);
      const r = await cli(path, ['brief', 'import', file]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain(`${file}: ${where}: ${bad}`);
      for (const v of valid) expect(r.err).toContain(v);
      expect(r.err).toContain('nothing was imported');
      expect(r.err).toMatch(/\nusage: dossier brief import/);
    }
    expect(hash(path)).toBe(before);
    // The same values spelled right import; a marking in any case, as brief set takes it.
    writeFileSync(file, head('style: apa\nnotes: endnotes\nmarking: cui\n'));
    const ok = await cli(path, ['brief', 'import', file, '--json']);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ templateId: 'info-memo', styleId: 'apa', notePlacement: 'endnotes', marking: 'CUI' });
  });
});

describe.skipIf(!BUILT || process.platform === 'win32')('the built command line', () => {
  function run(library: string, ...args: string[]) {
    const r = spawnSync(process.execPath, [BIN, '--library', library, ...args], {
      encoding: 'utf8',
      ...(ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
      env: { PATH: process.env.PATH, HOME: dir },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('exports Markdown from a library it may not write, and imports it into one it may', () => {
    const shelf = join(dir, 'shelf');
    mkdirSync(shelf);
    chmodSync(dir, 0o777);
    const readOnly = join(shelf, 'library.sqlite');
    const { id } = buildLibrary(readOnly);
    chmodSync(readOnly, 0o444);
    chmodSync(shelf, 0o555);
    const before = hash(readOnly);
    const md = join(dir, 'memo.md');
    const exported = run(readOnly, 'brief', 'export-md', id, '--out', md);
    expect(exported.code, exported.err).toBe(0);
    expect(hash(readOnly)).toBe(before);

    // A library of its own with the same facts: a copy of the file, made writable.
    const writable = join(dir, 'copy.sqlite');
    writeFileSync(writable, readFileSync(readOnly));
    chmodSync(writable, 0o666);
    const imported = run(writable, 'brief', 'import', md, '--json');
    expect(imported.code, imported.err).toBe(0);
    const lib = Library.open(writable, { readonly: true });
    expect(content(lib.getBriefing(JSON.parse(imported.out).id))).toEqual(content(lib.getBriefing(id)));
    lib.close();
    expect(run(writable, 'brief', 'export-md', JSON.parse(imported.out).id).out).toBe(readFileSync(md, 'utf8'));
  });
});
