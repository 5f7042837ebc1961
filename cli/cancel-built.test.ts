/**
 * Ctrl+C in the built command line (dist/, made by `npm run build`), as a real child process:
 * import, export and backup stop, leave the library and any existing file exactly as they
 * were, leave no temporary file, and exit 130 with one line. Each run waits for a condition
 * (a phase line on stderr with DOSSIER_PROGRESS=lines, a temporary file appearing) before it
 * sends SIGINT — never for a fixed time — and the work still to do after that point takes
 * seconds, so a loaded machine cannot make the signal arrive after the work is done.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftoverName } from '../db/leftovers';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { getTemplate } from '../export/template/index';
import { importText } from '../ingest/import-text';

const BIN = join(__dirname, '..', 'bin', 'dossier.js');
const BUILT = existsSync(join(__dirname, '..', 'dist', 'cli', 'dossier.js'));

/** About 1.5 MB of news-like prose: some 15,000 sentences in paragraphs of five. */
function bigText(): string {
  const words = 'grain corridor shipment harbour officials ministry tonnes wheat barley export port convoy inspection agreement minister said would'.split(' ');
  const out: string[] = [];
  for (let i = 1; i <= 15_000; i++) {
    const s = Array.from({ length: 8 + (i % 9) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
    out.push(`${s[0].toUpperCase()}${s.slice(1)} ${i}.${i % 5 === 0 ? '\n\n' : ' '}`);
  }
  return out.join('');
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built command line and sends SIGINT once `ready` holds, checked on each piece of
 * stderr and every few milliseconds (for conditions on files).
 */
function interrupt(args: string[], ready: (stderr: string) => boolean): Promise<Run & { sent: boolean }> {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DOSSIER_PROGRESS: 'lines', DOSSIER_RENDER_THREADS: '1' } });
  let stdout = '';
  let stderr = '';
  let sent = false;
  const check = () => {
    if (!sent && ready(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  };
  const poll = setInterval(check, 5);
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    check();
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, sent });
    }),
  );
}

/** What the user sees: the progress lines are for programs; the rest must be the one line. */
function messages(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l && !/^dossier: [A-Z]/.test(l));
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const temporaries = (folder: string) => readdirSync(folder).filter((n) => leftoverName(n));

function counts(path: string): { facts: number; sources: number; integrity: string } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      facts: db.prepare('SELECT count(*) FROM facts').pluck().get() as number,
      sources: db.prepare('SELECT count(*) FROM sources').pluck().get() as number,
      integrity: db.prepare('PRAGMA integrity_check').pluck().get() as string,
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!BUILT)('Ctrl+C in the built command line', () => {
  let dir: string;
  let cleanup: () => void;
  let text: string;
  /** A library of some 15,000 facts (about 12 MB) with a briefing citing 1,500 of them. */
  let full: string;
  let briefing: string;

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    text = join(dir, 'big.txt');
    writeFileSync(text, bigText());
    full = join(dir, 'full.sqlite');
    const lib = Library.open(full);
    const r = importText(lib, { text: readFileSync(text, 'utf8'), source: { title: 'Grain corridor log', issued: '2024-01-19' } });
    const template = getTemplate('background-brief');
    const b = lib.createBriefing(
      { title: 'Long brief', templateId: template.id },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    lib.addItems(
      b.id,
      r.facts.slice(0, 1500).map((f) => ({ kind: 'fact' as const, factId: f.id })),
      template.sections[1].key,
    );
    briefing = b.id;
    lib.close();
  }, 180_000);
  afterAll(() => cleanup?.());

  for (const phase of ['Finding candidate facts', 'Saving']) {
    it(`import: Ctrl+C at "${phase}" commits nothing and exits 130`, async () => {
      const path = join(dir, `import-${phase[0]}.sqlite`);
      Library.open(path).close();
      const r = await interrupt(['--library', path, 'import', text, '--title', 'Grain corridor log'], (err) => err.includes(`dossier: ${phase}`));
      expect(r.sent).toBe(true);
      expect(messages(r.stderr)).toEqual(['dossier: cancelled; nothing was imported']);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(130);
      expect(counts(path)).toEqual({ facts: 0, sources: 0, integrity: 'ok' });
      expect(temporaries(dir)).toEqual([]);
    }, 180_000);
  }

  it('export: Ctrl+C leaves an existing file byte-identical and no temporary file', async () => {
    const out = join(dir, 'memo.docx');
    writeFileSync(out, 'the memo the user already has');
    const before = sha(out);
    const r = await interrupt(['--library', full, 'export', briefing, '--out', out], (err) => err.includes('dossier: Rendering citations'));
    expect(r.sent).toBe(true);
    expect(messages(r.stderr)).toEqual(['dossier: cancelled; nothing was exported']);
    expect(r.code).toBe(130);
    expect(sha(out)).toBe(before);
    expect(temporaries(dir)).toEqual([]);
  }, 180_000);

  it('export: Ctrl+C creates no file where there was none', async () => {
    const out = join(dir, 'new-memo.docx');
    const r = await interrupt(['--library', full, 'export', briefing, '--out', out], (err) => err.includes('dossier: Rendering citations'));
    expect(r.code).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  }, 180_000);

  it('backup: Ctrl+C while the copy is written keeps the previous backup and removes the copy', async () => {
    const dest = join(dir, 'backup.sqlite');
    copyFileSync(full, dest);
    const before = sha(dest);
    const library = sha(full);
    const r = await interrupt(['--library', full, 'backup', dest, '--force'], () => temporaries(dir).some((n) => n.includes('.partial-')));
    expect(r.sent).toBe(true);
    expect(messages(r.stderr)).toEqual(['dossier: cancelled; nothing was changed']);
    expect(r.code).toBe(130);
    expect(sha(dest)).toBe(before);
    expect(sha(full)).toBe(library);
    expect(temporaries(dir)).toEqual([]);
  }, 180_000);
});
