import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../api/handlers';
import { sourceToCsl } from '../core/csl-map';
import { loadStyle } from '../citations/index';
import { Library } from '../db/library';
import { assembleBriefing } from '../export/assemble';
import { getTemplate } from '../export/template/index';
import { cslToXml } from './csl-xml';
import { sentence, source } from './corpus';
import { rng } from './random';
import { timeWarmFlow } from './warm-export-bench';

const STYLE = 'chicago-fullnote-bibliography-with-ibid';

export interface ExportBenchRow {
  citations: number;
  sources: number;
  template: string;
  /** The command line as this machine runs it (one engine below 4 cores, see cli/render-thread.ts). */
  dossier: Timing;
  /** Forced: one citation engine, and two engines on two threads (500 citations and more). */
  oneEngine?: Timing;
  twoEngines?: Timing;
  cores: number;
  pandoc?: Timing;
  /** A new process exporting the unchanged briefing again: every note from the note cache (export/note-cache.ts). */
  keptNotes: Timing;
  /** A new process exporting after one fact was moved: citeproc places the document, renders only what changed. */
  keptNotesAfterEdit: Timing;
  /** Re-export after moving one fact, with the engine kept warm (CitationSession); five edits, in a new process (warm-export-bench.ts). */
  warmReexport: WarmTiming;
  /** That process's first export (the briefing opening, its notes kept in the library) and the idle build after it. */
  warmOpen: { exportMs: number; idleBuildMs: number };
  /** The same moves as the app runs them: the editor's preview after each, then the export. */
  appFlow?: { openPreviewMs: number; idleBuildMs: number; preview: Timing & { maxMs: number }; export: WarmTiming };
  /** Citation update after inserting / moving one cluster in a warm engine; medians of five. */
  insertMs: number;
  moveMs: number;
}

/** The briefings the export rows time: an info memo of 12 notes on one source up to a 2,000-note brief. */
export interface ExportSize {
  citations: number;
  sources: number;
  template: 'info-memo' | 'background-brief';
}

export const EXPORT_SIZES: readonly ExportSize[] = [
  { citations: 12, sources: 1, template: 'info-memo' },
  { citations: 50, sources: 20, template: 'background-brief' },
  { citations: 500, sources: 200, template: 'background-brief' },
  { citations: 2000, sources: 200, template: 'background-brief' },
];

/** Builds a library of `size.sources` sources and a briefing citing them `size.citations` times (Chicago notes). */
export function buildBriefing(dir: string, size: ExportSize): { path: string; briefingId: string } {
  const { citations } = size;
  const path = join(dir, `export-${citations}.sqlite`);
  const lib = Library.open(path);
  const r = rng(citations);
  const sources = Array.from({ length: size.sources }, (_, i) => lib.addSource(source(r, i)).id);
  const template = getTemplate(size.template);
  const b = lib.createBriefing(
    { title: `Benchmark brief (${citations} citations)`, templateId: template.id, styleId: STYLE },
    template.sections.map((s) => ({ key: s.key, heading: s.heading })),
  );
  const items = [];
  for (let i = 0; i < citations; i++) {
    // Runs of the same source now and then, so Ibid. and short forms occur as in real briefs.
    const src = sources[r() < 0.3 && i > 0 ? Math.floor((i - 1) / 2) % sources.length : Math.floor(r() * sources.length)];
    const f = lib.addFact({ text: sentence(r), sourceId: src, locator: { label: 'page', value: String(1 + Math.floor(r() * 300)) } });
    items.push({ kind: 'fact', factId: f.id });
  }
  lib.addItems(b.id, items, template.sections[1].key);
  lib.close();
  return { path, briefingId: b.id };
}

/** The same document for pandoc: Markdown whose citations pandoc turns into notes, CSL-JSON, the style. */
function pandocInputs(dir: string, libPath: string, briefingId: string): { md: string; bib: string; csl: string } {
  const lib = Library.open(libPath);
  const b = lib.getBriefing(briefingId);
  const lines = [`---\ntitle: "${b.title}"\n---\n`];
  const used = new Set<string>();
  for (const s of b.sections) {
    lines.push(`\n## ${s.heading}\n`);
    for (const it of s.items) {
      if (it.kind !== 'fact') continue;
      const f = lib.getFact(it.factId);
      used.add(f.sourceId);
      lines.push(`- ${f.text} [@${f.sourceId}, p. ${f.locator!.value}]`);
    }
  }
  const items = [...used].map((id) => sourceToCsl(lib.getSource(id)));
  lib.close();
  const md = join(dir, `${briefingId}.md`);
  const bib = join(dir, `${briefingId}.json`);
  const csl = join(dir, 'style.csl');
  writeFileSync(md, lines.join('\n'));
  writeFileSync(bib, JSON.stringify(items));
  writeFileSync(csl, cslToXml(loadStyle(STYLE).tree));
  return { md, bib, csl };
}

function timeCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return ms;
}

function withoutThreads(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DOSSIER_RENDER_THREADS;
  return env;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function hasPandoc(): boolean {
  const r = spawnSync('pandoc', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** Best and median of a set of timings. */
export interface Timing {
  bestMs: number;
  medianMs: number;
}

/** Best, median and worst of the warm exports, and each in order. */
type WarmTiming = Timing & { maxMs: number; runsMs: number[] };

const timing = (values: number[]): Timing => ({ bestMs: Math.min(...values), medianMs: median(values) });

export function benchExport(dir: string, sizes: readonly ExportSize[] = EXPORT_SIZES, rounds = 7): ExportBenchRow[] {
  mkdirSync(dir, { recursive: true });
  const cli = fileURLToPath(new URL('../../bin/dossier.js', import.meta.url));
  const rows: ExportBenchRow[] = [];
  for (const size of sizes) {
    const n = size.citations;
    const { path, briefingId } = buildBriefing(dir, size);
    // Cold: a fresh process, as a user running the command line, and pandoc on the same
    // document. The runs take turns (ours, forced one engine, forced two, pandoc; `rounds`
    // rounds) so a burst of load from the machine's neighbours falls on all of them.
    // Each run writes a new file: the briefing has never been exported by that process, and
    // (with DOSSIER_NO_NOTE_CACHE) no rendered note is taken from the library either.
    const exportArgs = (k: number) => [cli, '--library', path, 'export', briefingId, '--out', join(dir, `cold-${n}-${k}.docx`)];
    const env = (threads?: '1' | '2') => ({ ...withoutThreads(), DOSSIER_NO_NOTE_CACHE: '1', ...(threads ? { DOSSIER_RENDER_THREADS: threads } : {}) });
    const p = hasPandoc() ? pandocInputs(dir, path, briefingId) : undefined;
    const runs = { dossier: [] as number[], one: [] as number[], two: [] as number[], pandoc: [] as number[] };
    const big = n >= 500;
    for (let round = 0; round < rounds; round++) {
      runs.dossier.push(timeCommand(process.execPath, exportArgs(round), env()));
      // One engine or two matters only where there are notes enough to share.
      if (big) runs.one.push(timeCommand(process.execPath, exportArgs(round), env('1')));
      if (big) runs.two.push(timeCommand(process.execPath, exportArgs(round), env('2')));
      if (p) runs.pandoc.push(timeCommand('pandoc', [p.md, '--citeproc', '--csl', p.csl, '--bibliography', p.bib, '-o', join(dir, `pandoc-${n}.docx`)]));
    }
    // The notes the cold runs kept in the library, read by new processes: the briefing as it
    // was, then after each of `rounds` moves of one fact (made in this process, not timed).
    const kept: number[] = [];
    const afterEdit: number[] = [];
    for (let round = 0; round < rounds; round++) {
      kept.push(timeCommand(process.execPath, exportArgs(round), withoutThreads()));
      const edit = Library.open(path);
      const section = edit.getBriefing(briefingId).sections.find((s) => s.items.length)!;
      edit.moveItem(briefingId, section.items[2 + round].id, Math.floor(n / 3) + round);
      edit.close();
      afterEdit.push(timeCommand(process.execPath, exportArgs(round), withoutThreads()));
    }
    const row: ExportBenchRow = {
      citations: n,
      sources: size.sources,
      template: size.template,
      dossier: timing(runs.dossier),
      ...(big ? { oneEngine: timing(runs.one), twoEngines: timing(runs.two) } : {}),
      cores: availableParallelism(),
      keptNotes: timing(kept),
      keptNotesAfterEdit: timing(afterEdit),
      warmReexport: { bestMs: 0, medianMs: 0, maxMs: 0, runsMs: [] },
      warmOpen: { exportMs: 0, idleBuildMs: 0 },
      insertMs: 0,
      moveMs: 0,
    };
    if (p) row.pandoc = timing(runs.pandoc);
    // Warm: the briefing kept open with its citation session, a fact moved and the briefing
    // exported again, five times (a different fact each time: one sample on a shared machine
    // says more about the neighbours than about the code); each flow in a new process.
    const warm = { path, briefingId, citations: n, dir };
    const strict = timeWarmFlow({ ...warm, flow: 'export' });
    row.warmReexport = { ...timing(strict.exportMs), maxMs: Math.max(...strict.exportMs), runsMs: strict.exportMs };
    row.warmOpen = { exportMs: strict.openMs, idleBuildMs: strict.idleBuildMs };
    const app = timeWarmFlow({ ...warm, flow: 'app' });
    row.appFlow = {
      openPreviewMs: app.openMs,
      idleBuildMs: app.idleBuildMs,
      preview: { ...timing(app.previewMs), maxMs: Math.max(...app.previewMs) },
      export: { ...timing(app.exportMs), maxMs: Math.max(...app.exportMs), runsMs: app.exportMs },
    };
    const lib = Library.open(path);
    // Citation updates with the engine kept current: insert one fact, move one fact.
    const a = assembleBriefing(lib, briefingId);
    const inserts: number[] = [];
    const moves: number[] = [];
    for (let k = 0; k < 5 && n >= 50; k++) {
      const cluster = { ...a.clusters[10 + k], id: `bench-inserted-${k}` };
      let s = performance.now();
      a.engine.insertCluster(cluster, 5 + k);
      inserts.push(performance.now() - s);
      s = performance.now();
      a.engine.moveCluster(a.clusters[20 + k].id, n - 1 - k);
      moves.push(performance.now() - s);
    }
    if (inserts.length) row.insertMs = median(inserts);
    if (moves.length) row.moveMs = median(moves);
    lib.close();
    rows.push(row);
  }
  return rows;
}

export interface PreviewBenchRow {
  citations: number;
  marks: number;
  proseItems: number;
  /** The api's `briefings:preview` (warm session: citations, layout, pre-flight) after one prose edit. */
  textEdit: { bestMs: number; medianMs: number };
  /** The same after an edit that changes one mark's cluster (a locator): citeproc re-renders. */
  clusterEdit: { bestMs: number; medianMs: number };
  /** A new mark typed into a paragraph: every later note renumbers. */
  insertMark: { bestMs: number; medianMs: number };
  /**
   * The preview's answer on its way to the renderer: JSON, and V8's structured-clone serialiser
   * (what Electron's IPC uses): its size and the time to serialise it, best and median of `runs`.
   */
  transfer: { jsonBytes: number; json: { bestMs: number; medianMs: number }; cloneBytes: number; clone: { bestMs: number; medianMs: number } };
  runs: number;
}

/**
 * A briefing as an analyst writes it: paragraphs of their own words citing facts in the middle
 * of sentences (some marks cite two facts), between placed facts; `citations` clusters in all.
 */
export function buildWrittenBriefing(dir: string, citations: number): { path: string; briefingId: string; proseIds: string[]; facts: string[] } {
  const path = join(dir, `written-${citations}.sqlite`);
  const lib = Library.open(path);
  const r = rng(citations + 7);
  const sources = Array.from({ length: 200 }, (_, i) => lib.addSource(source(r, i)).id);
  const facts = Array.from(
    { length: 400 },
    (_, i) => lib.addFact({ text: sentence(r), sourceId: sources[i % 200], locator: { label: 'page', value: String(1 + Math.floor(r() * 300)) } }).id,
  );
  const template = getTemplate('background-brief');
  const b = lib.createBriefing(
    { title: `Written brief (${citations} citations)`, templateId: template.id, styleId: STYLE },
    template.sections.map((s) => ({ key: s.key, heading: s.heading })),
  );
  const fact = () => facts[Math.floor(r() * facts.length)];
  const items: unknown[] = [];
  // Each unit: a paragraph with two marks (the second citing two facts), then a placed fact.
  for (let n = 0; n < citations; n += 3) {
    items.push({
      kind: 'prose',
      text: `${sentence(r)} It ${pick(r)} [@${fact()}, p. ${1 + Math.floor(r() * 90)}] as **the ministry** noted [see @${fact()}; @${fact()}]. ${sentence(r)}`,
    });
    if (n + 2 < citations) items.push({ kind: 'fact', factId: fact() });
  }
  lib.addItems(b.id, items, template.sections[1].key);
  const proseIds = lib
    .getBriefing(b.id)
    .sections[1].items.filter((i) => i.kind === 'prose')
    .map((i) => i.id);
  lib.close();
  return { path, briefingId: b.id, proseIds, facts };
}

function pick(r: () => number): string {
  const verbs = ['rose', 'fell', 'held', 'doubled', 'slowed'];
  return verbs[Math.floor(r() * verbs.length)];
}

/**
 * The live preview as the app asks for it (api `briefings:preview`, through the dispatcher,
 * one warm citation session per briefing) after one prose edit: best and median of `runs`
 * edits, each to a different paragraph. The edit itself (the store's write) is not timed.
 */
export async function benchPreview(dir: string, citations = 500, runs = 9): Promise<PreviewBenchRow> {
  mkdirSync(dir, { recursive: true });
  const built = buildWrittenBriefing(dir, citations);
  const lib = Library.open(built.path);
  const call = createDispatcher(lib, { allowWrite: () => false });
  let answer: unknown;
  const preview = async () => {
    const t = performance.now();
    const r = await call('briefings:preview', [built.briefingId, {}]);
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(`preview failed: ${JSON.stringify(r)}`);
    answer = r;
    return ms;
  };
  await preview(); // the editor opens: the session warms up
  await preview();
  const textOf = (id: string) => {
    const item = lib.getBriefing(built.briefingId).sections[1].items.find((i) => i.id === id)!;
    return item.kind === 'prose' ? item.text : '';
  };
  const timeEdits = async (edit: (id: string, k: number) => void) => {
    const times: number[] = [];
    for (let k = 0; k < runs; k++) {
      edit(built.proseIds[Math.floor(((k + 1) * built.proseIds.length) / (runs + 2))], k);
      times.push(await preview());
    }
    return { bestMs: Math.min(...times), medianMs: median(times) };
  };
  const textEdit = await timeEdits((id, k) => lib.updateItem(built.briefingId, id, { text: textOf(id).replace(/^(\S+)/, `$1 (edit ${k})`) }));
  const clusterEdit = await timeEdits((id, k) => lib.updateItem(built.briefingId, id, { text: textOf(id).replace(/, p\. \d+\]/, `, p. ${200 + k}]`) }));
  const insertMark = await timeEdits((id) => lib.updateItem(built.briefingId, id, { text: `${textOf(id)} Also [@${built.facts[0]}].` }));
  const transfer = measureTransfer(answer, runs);
  const briefing = lib.getBriefing(built.briefingId);
  const marks = briefing.sections.flatMap((s) => s.items).reduce((n, i) => n + (i.kind === 'prose' ? (i.text.match(/\[(?:see )?@/g) ?? []).length : 0), 0);
  const placed = briefing.sections.flatMap((s) => s.items).filter((i) => i.kind === 'fact').length;
  lib.close();
  return { citations: marks + placed, marks, proseItems: built.proseIds.length, textEdit, clusterEdit, insertMark, transfer, runs };
}

/** Serialises the preview's last answer as JSON and as a structured clone, `runs` times each. */
function measureTransfer(answer: unknown, runs: number): PreviewBenchRow['transfer'] {
  const time = (serialise: () => string | Buffer) => {
    const times: number[] = [];
    let bytes = 0;
    for (let k = 0; k < runs; k++) {
      const t = performance.now();
      const out = serialise();
      times.push(performance.now() - t);
      bytes = typeof out === 'string' ? Buffer.byteLength(out) : out.length;
    }
    return { bytes, bestMs: Math.min(...times), medianMs: median(times) };
  };
  const json = time(() => JSON.stringify(answer));
  const clone = time(() => serialize(answer));
  return { jsonBytes: json.bytes, json, cloneBytes: clone.bytes, clone };
}
