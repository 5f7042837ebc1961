import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Library } from '../db/library';
import { benchLibrary } from './library-bench';
import { benchOpen } from './open-bench';
import { EXPORT_SIZES, benchExport, benchPreview, type Timing } from './export-bench';
import { printMarkdownBench } from './markdown-bench';
import { benchNearDuplicates } from '../db/repo/near-duplicates.bench';
import { benchBibtex } from '../ingest/biblio/bench';
import { benchPdf } from '../ingest/formats/bench';
import { benchOriginals } from './originals-bench';
import { formatScore, scoreWebCorpus } from '../ingest/formats/web-corpus-score';
import { printSuggestionsBench } from './suggestions-bench';
import { printCoreProcessBench } from './core-process-bench';
import { printTeamBench } from './team-bench';
import { runWarmFlow, warmChildSpec } from './warm-export-bench';

/**
 * `npm run bench`: builds a realistic 100,000-fact library and prints the figures the issues
 * set targets for. Numbers, not pass/fail: timed assertions flake on shared machines.
 */
const FACTS = Number(process.env.BENCH_FACTS ?? 100_000);
const SOURCES = Number(process.env.BENCH_SOURCES ?? 20_000);

// A warm export flow in a process of its own (warm-export-bench.ts): it prints its timings and ends.
const warmChild = warmChildSpec();
if (warmChild) {
  console.log(JSON.stringify(await runWarmFlow(warmChild)));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
/**
 * BENCH_ONLY=library|export|import|preview|markdown|originals|webcorpus|suggestions|coreprocess|team runs one part.
 * The export part: BENCH_EXPORT_SIZES=12,50,500,2000 the rows, BENCH_EXPORT_ROUNDS the cold rounds (7).
 * The team part: BENCH_TEAM_FACTS / BENCH_TEAM_SOURCES size the shared library (100,000 / 1,000),
 * BENCH_TEAM_PULLS the first pulls timed (3, at least 1), BENCH_TEAM_SKIP=rounds,crowd leaves
 * those parts out (the push and first pull always run: the rest needs them).
 */
const only = process.env.BENCH_ONLY;
const part = (name: string) => !only || only === name;
try {
  console.log(`Dossier benchmark — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`);
  if (part('library')) benchLibraryPart();
  if (part('import')) await benchImportPart();
  if (part('export')) benchExportPart();
  if (part('export') || only === 'preview') await benchPreviewPart();
  if (part('markdown')) printMarkdownBench(dir);
  if (part('originals')) await benchOriginalsPart();
  if (part('webcorpus')) await benchWebCorpusPart();
  if (part('suggestions')) printSuggestionsBench();
  if (part('coreprocess')) await printCoreProcessBench(dir);
  if (part('team')) await printTeamBench(dir);
  console.log(`\nPeak memory (RSS)        ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}

function benchLibraryPart(): void {
  const lib = Library.open(join(dir, 'library.sqlite'));
  console.log(`\nLibrary: ${FACTS.toLocaleString('en')} facts over ${SOURCES.toLocaleString('en')} sources`);
  const r = benchLibrary(lib, { facts: FACTS, sources: SOURCES, dir });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(
    `  bulk import            ${r.importSeconds.toFixed(2)} s   (target ≤ 3 s)   ${Math.round(r.facts / r.importSeconds).toLocaleString('en')} facts/s`,
  );
  const p = r.phases;
  console.log(
    `                         cpu ${r.importCpuSeconds.toFixed(2)} s; sources ${p.sources.toFixed(2)} s, validation ${p.validate.toFixed(2)} s, insert ${p.insert.toFixed(2)} s, commit ${p.commit.toFixed(2)} s`,
  );
  console.log(`                         then, after it returned: WAL checkpoint ${r.checkpointSeconds.toFixed(2)} s`);
  console.log(`  library file           ${(r.fileBytes / 1024 / 1024).toFixed(1)} MiB`);
  console.log(
    `  search (${r.search.queries} queries)  p50 ${ms(r.search.p50)}  p95 ${ms(r.search.p95)}  p99 ${ms(r.search.p99)}  max ${ms(r.search.max)}   (targets p50 < 5 ms, p99 < 50 ms)`,
  );
  for (const [k, v] of Object.entries(r.byKind)) console.log(`    ${k.padEnd(28)} p50 ${ms(v.p50)}  p99 ${ms(v.p99)}`);
  const nd = benchNearDuplicates(lib, 300);
  console.log(
    `  near-duplicate check   p50 ${ms(nd.p50)}  p99 ${ms(nd.p99)} per sentence (${nd.queries} sentences; restatements found ${(nd.restatementRecall * 100).toFixed(0)}%)`,
  );
  const open = benchOpen(lib); // closes the library
  console.log(
    `  open read-only         ${ms(open.withoutJournalMs)} without a journal, ${ms(open.withJournalMs)} with one beside it (the app open, or after a crash: the journal guard checks it)`,
  );
}

async function benchImportPart(): Promise<void> {
  console.log('\nImport throughput');
  const pdf = await benchPdf(300);
  console.log(`  PDF, 300-page two-column report    ${(pdf.ms / 1000).toFixed(2)} s   ${pdf.pagesPerSecond.toFixed(0)} pages/s`);
  const bib = benchBibtex(10_000);
  console.log(
    `  BibTeX, 10,000 entries (one transaction)   ${(bib.ms / 1000).toFixed(2)} s   ${Math.round(bib.entriesPerSecond).toLocaleString('en')} entries/s`,
  );
}

function benchExportPart(): void {
  console.log('\nExport: Chicago notes (full first note, Ibid.), cold command line against pandoc --citeproc, alternating runs');
  const sizes = process.env.BENCH_EXPORT_SIZES
    ? EXPORT_SIZES.filter((s) => process.env.BENCH_EXPORT_SIZES!.split(',').includes(String(s.citations)))
    : EXPORT_SIZES;
  const exp = benchExport(join(dir, 'export'), sizes, Number(process.env.BENCH_EXPORT_ROUNDS ?? 7));
  const t = (x: Timing) => `best ${x.bestMs.toFixed(0)} / median ${x.medianMs.toFixed(0)} ms`;
  for (const e of exp) {
    const vs = e.pandoc
      ? `   pandoc ${t(e.pandoc)}   ratio ${(e.dossier.bestMs / e.pandoc.bestMs).toFixed(2)} (best) ${(e.dossier.medianMs / e.pandoc.medianMs).toFixed(2)} (median)`
      : '   (pandoc not installed)';
    console.log(`  ${String(e.citations).padStart(5)} citations, ${e.sources} sources (${e.template})   dossier ${t(e.dossier)}${vs}`);
    if (e.oneEngine && e.twoEngines)
      console.log(`                    one engine ${t(e.oneEngine)}, two engines on two threads ${t(e.twoEngines)} (${e.cores} cores; two are used from 4)`);
    console.log(`                    notes kept in the library, new process: unchanged ${t(e.keptNotes)}, after moving one fact ${t(e.keptNotesAfterEdit)}`);
    const w = e.warmReexport;
    const o = e.warmOpen;
    const idle = (ms: number) => (ms ? `, then engine, bibliography and fields made while idle in ${ms.toFixed(0)} ms` : ' (engine built in it)');
    console.log(`                    warm session, new process: opened by an export in ${o.exportMs.toFixed(0)} ms${idle(o.idleBuildMs)}`);
    console.log(
      `                    warm re-export ${w.bestMs.toFixed(0)} / ${w.medianMs.toFixed(0)} / max ${w.maxMs.toFixed(0)} ms (${w.runsMs.map((x) => x.toFixed(0)).join(', ')}; target < 300 every run)${e.insertMs ? `   insert one fact ${e.insertMs.toFixed(1)} ms, move one fact ${e.moveMs.toFixed(1)} ms (target < 50)` : ''}`,
    );
    const a = e.appFlow;
    if (a) {
      const runs = (x: { runsMs: number[] }) => x.runsMs.map((v) => v.toFixed(0)).join(', ');
      console.log(`                    as the app runs it, new process: opened by the preview in ${a.openPreviewMs.toFixed(0)} ms${idle(a.idleBuildMs)}`);
      console.log(
        `                      after each move the preview ${a.preview.bestMs.toFixed(0)} / ${a.preview.medianMs.toFixed(0)} / max ${a.preview.maxMs.toFixed(0)} ms, then the export ${a.export.bestMs.toFixed(0)} / ${a.export.medianMs.toFixed(0)} / max ${a.export.maxMs.toFixed(0)} ms (${runs(a.export)})`,
      );
    }
  }
}

async function benchPreviewPart(): Promise<void> {
  console.log('\nLive preview: api briefings:preview with a warm session, after one prose edit (Chicago notes)');
  const p = await benchPreview(join(dir, 'preview'));
  const ms = (x: { bestMs: number; medianMs: number }) => `best ${x.bestMs.toFixed(1)} ms, median ${x.medianMs.toFixed(1)} ms`;
  console.log(`  ${p.citations} citations (${p.marks} marks in ${p.proseItems} paragraphs), ${p.runs} edits each   (target < 50 ms)`);
  console.log(`    text edit, clusters unchanged   ${ms(p.textEdit)}`);
  console.log(`    one mark's locator changed      ${ms(p.clusterEdit)}`);
  console.log(`    a mark added to a paragraph     ${ms(p.insertMark)}`);
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`  the answer sent to the renderer: JSON ${kib(p.transfer.jsonBytes)}, ${ms(p.transfer.json)};`);
  console.log(`    structured clone (Electron IPC) ${kib(p.transfer.cloneBytes)}, ${ms(p.transfer.clone)}`);
}

async function benchOriginalsPart(): Promise<void> {
  const r = await benchOriginals(dir);
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KiB`;
  console.log('\nStored originals (deflated bytes + deflated text + full-text index of the text)');
  console.log(
    `  300-page PDF             file ${kb(r.pdf.bytes)}, deflated ${kb(r.pdf.compressed)} + text ${kb(r.pdf.text)}; library grew ${kb(r.pdf.growth)}; second capture ${kb(r.pdf.again)}`,
  );
  const l = r.library;
  console.log(
    `  ${l.originals} originals          files ${kb(l.raw)}, deflated ${kb(l.compressed)} + text ${kb(l.text)}; library grew ${kb(l.fileGrowth)} (${(l.fileGrowth / l.compressed).toFixed(2)}× the deflated files)`,
  );
}

async function benchWebCorpusPart(): Promise<void> {
  // dist/bench/run.js → the corpus in the source tree.
  const score = await scoreWebCorpus(fileURLToPath(new URL('../../ingest/formats/testing/web-corpus', import.meta.url)));
  console.log("\nWeb-page metadata (issue 13 §3): Dossier's HTML import against Mozilla Readability, hand-labelled pages");
  console.log(formatScore(score).replace(/^/gm, '  '));
}
