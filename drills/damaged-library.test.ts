/**
 * Damaged libraries (issue 10 §7): each kind of damage is made on a copy of a real library, then
 * the built command line runs the read commands against it. Every read ends with exit 2 and one
 * line (or 0 where the read is legitimately fine), never "unexpected error", and the library's
 * bytes are unchanged after every read; a journal beside it keeps its bytes, in place or moved
 * aside under a dated name (support/files.ts, journalsMovedAside).
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BUILT, NOT_BUILT_NOTE, limiter, messageProblem, runBuiltCli } from './support/cli';
import { DAMAGE, READS, type Read } from './support/damage';
import { recordFigures } from './support/figures';
import { fingerprint, integrity, journalsMovedAside, sha256 } from './support/files';
import { MEMO_TITLE, buildLibrary } from './support/library';
import { drillRng } from './support/rng';

let root: string;
let healthy: string;
const twoAtATime = limiter(2);
const outcome = { tried: 0, survived: 0, failed: 0, skipped: [] as string[] };

beforeAll(() => {
  if (!BUILT) return;
  root = mkdtempSync(join(tmpdir(), 'dossier-drill-damage-'));
  // World-readable folders: the read-only kind runs its reads as an unprivileged user.
  chmodSync(root, 0o755);
  healthy = join(root, 'healthy.sqlite');
  buildLibrary(healthy, { sources: 20, facts: 400, cited: 3 });
});

afterAll(() => {
  if (!root) return;
  recordFigures('damaged libraries', {
    tried: outcome.tried,
    survived: outcome.survived,
    failed: outcome.failed,
    notes: { kinds: DAMAGE.length, skipped: outcome.skipped.length },
  });
  if (outcome.skipped.length) console.log(`[drill] damaged libraries skipped: ${outcome.skipped.join('; ')}`);
  rmSync(root, { recursive: true, force: true });
});

function readArgs(read: Read, lib: string, out: string): string[] {
  const base = ['--library', lib];
  if (read === 'facts') return [...base, 'facts', '--limit', '20'];
  if (read === 'sources') return [...base, 'sources'];
  if (read === 'check') return [...base, 'check'];
  return [...base, 'export', MEMO_TITLE, '--out', join(out, 'memo.docx')];
}

/** The export wrote its row in the briefing's history (and so changed the file on purpose). */
function exportRecorded(lib: string): boolean {
  const db = new Database(lib, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) FROM briefing_exports').pluck().get() as number) > 0;
  } finally {
    db.close();
  }
}

describe.skipIf(!BUILT)(`damaged libraries: reads refuse in one line and change nothing${NOT_BUILT_NOTE}`, () => {
  // Two kinds at a time: each read is a process of its own, mostly waiting on Node's start.
  DAMAGE.forEach((kind, index) => {
    it.concurrent(kind.name, ({ expect: expectHere, onTestFailed }) =>
      twoAtATime(async () => {
        const rng = drillRng(`damage-${index}`, onTestFailed);
        const dir = join(root, `kind-${index}`);
        const out = join(root, `out-${index}`);
        mkdirSync(dir, { mode: 0o755 });
        mkdirSync(out, { mode: 0o777 });
        chmodSync(out, 0o777);
        const lib = join(dir, 'library.sqlite');
        copyFileSync(healthy, lib);
        const made = kind.apply(lib, { rng, dir }) ?? {};
        if (made.skip) {
          outcome.skipped.push(`${kind.name}: ${made.skip}`);
          console.log(`[drill] skipped "${kind.name}": ${made.skip}`);
          return;
        }
        const before = fingerprint(lib);
        const integrityBefore = integrity(lib, { readonly: true });
        // A -wal with frames in it is what must never be lost. An empty one (SQLite makes it when
        // it opens the file, even read-only, as the integrity check above does) holds nothing:
        // the next connection to close removes it, after a read that failed as after one that worked.
        const wal = existsSync(`${lib}-wal`) && statSync(`${lib}-wal`).size > 0 ? sha256(`${lib}-wal`) : undefined;
        const problems: string[] = [];
        for (const read of READS) {
          outcome.tried++;
          // Another user gets a home of its own: root's data folder is closed to it, as it should be.
          const r = await runBuiltCli(readArgs(read, lib, out), made.uid !== undefined ? { uid: made.uid, env: { HOME: out, XDG_CONFIG_HOME: out } } : {});
          const found: string[] = [];
          if (r.code === null || !kind.exits[read].includes(r.code)) found.push(`exit ${r.code ?? r.signal}, expected ${kind.exits[read].join(' or ')}`);
          const message = messageProblem(r, { report: read === 'check' });
          if (message) found.push(message);
          if (fingerprint(lib) !== before) {
            // An export records its version and file hash where it may write (the one read that
            // writes): allowed only as that record, and never adding damage to what was there.
            const recorded = read === 'export' && r.code === 0 && exportRecorded(lib);
            if (!recorded) found.push('the library file changed');
            else if (![integrityBefore, 'ok'].includes(integrity(lib, { readonly: true })))
              found.push('recording the export added to what integrity_check finds');
          }
          if (wal !== undefined) {
            const kept = [`${lib}-wal`, ...journalsMovedAside(lib)].some((p) => existsSync(p) && sha256(p) === wal);
            if (!kept) found.push('the -wal beside it was lost (neither in place nor moved aside under a dated name)');
          }
          if (found.length) problems.push(`${read}: ${found.join('; ')} — stderr: ${JSON.stringify(r.stderr.trim().slice(0, 240))}`);
          else outcome.survived++;
        }
        outcome.failed += problems.length;
        expectHere(problems, `${kind.name}: ${problems.length} of ${READS.length} reads went wrong`).toEqual([]);
      }),
    );
  });
});
