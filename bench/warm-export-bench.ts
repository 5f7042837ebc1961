import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Library } from '../db/library';
import { CitationSession } from '../export/citation-session';
import { exportBriefing } from '../export/export-briefing';
import { flushNoteCacheWrites } from '../export/note-cache';
import { previewBriefing } from '../export/preview-briefing';

/**
 * The warm rows: one briefing kept open with its citation session, five times a fact moved and
 * the briefing exported again. Each flow runs in a new process — its own heap and compiled
 * code, as the app's core process has when a briefing is opened — so what one flow ran does
 * not make the other's first export faster.
 *
 * - `export`: the row. The briefing opens by an export; each move is followed at once
 *   by an export, the edit's citations applied inside it.
 * - `app`: as the app runs it. The briefing opens in the editor (the live preview); after each
 *   move the editor asks for the preview (the renderer does, 250 ms after an edit pauses), then
 *   the analyst exports.
 *
 * Both wait, after opening, for the session's idle build (the analyst reading what opened).
 */
type WarmFlow = 'export' | 'app';

export interface WarmSpec {
  flow: WarmFlow;
  path: string;
  briefingId: string;
  citations: number;
  dir: string;
}

export interface WarmRun {
  /** The first export (`export`) or preview (`app`) with a new session. */
  openMs: number;
  /** The engine, bibliography and Zotero fields made while idle after it (0: made in the open). */
  idleBuildMs: number;
  /** After each move: the preview (`app` only) and the export. */
  previewMs: number[];
  exportMs: number[];
}

const ENV = 'BENCH_WARM_CHILD';

/** Runs one flow in a new process of this bench (see warmChildSpec) and returns its timings. */
export function timeWarmFlow(spec: WarmSpec): WarmRun {
  const r = spawnSync(process.execPath, [process.argv[1]], { encoding: 'utf8', env: { ...process.env, [ENV]: JSON.stringify(spec) } });
  if (r.status !== 0) throw new Error(`the warm ${spec.flow} flow failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as WarmRun;
}

/** The flow this process was started to run, if it was. */
export function warmChildSpec(): WarmSpec | undefined {
  const spec = process.env[ENV];
  return spec ? (JSON.parse(spec) as WarmSpec) : undefined;
}

export async function runWarmFlow(spec: WarmSpec): Promise<WarmRun> {
  const lib = Library.open(spec.path);
  const session = new CitationSession();
  const out = join(spec.dir, `warm-${spec.flow}-${spec.citations}.docx`);
  const exportNow = () => exportBriefing(lib, spec.briefingId, { out, session });
  const previewNow = () => previewBriefing(lib, spec.briefingId, { session });
  const timed = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  try {
    const openMs = await timed(spec.flow === 'app' ? previewNow : exportNow);
    await session.idle();
    const run: WarmRun = { openMs, idleBuildMs: session.idleBuildMs ?? 0, previewMs: [], exportMs: [] };
    for (let k = 0; k < 5; k++) {
      const section = lib.getBriefing(spec.briefingId).sections.find((s) => s.items.length)!;
      lib.moveItem(spec.briefingId, section.items[3 + k].id, Math.floor(spec.citations / 2) + k);
      if (spec.flow === 'app') run.previewMs.push(await timed(previewNow));
      run.exportMs.push(await timed(exportNow));
    }
    return run;
  } finally {
    // As the app does when it closes a library: what the session rendered is kept for the next opening.
    flushNoteCacheWrites(lib);
    lib.close();
  }
}
