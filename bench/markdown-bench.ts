import { join } from 'node:path';
import { Library } from '../db/library';
import { exportBriefingMarkdown, importBriefingMarkdown } from '../export/briefing-md/index';
import { getTemplate } from '../export/template/index';
import { sentence, source } from './corpus';
import { rng } from './random';

interface MarkdownBenchResult {
  citations: number;
  libraryFacts: number;
  fileBytes: number;
  /** `brief export-md`: read the briefing, write the text; median of five. */
  exportMs: number;
  /** `brief import` of the exported file (full ids): parse, resolve, one transaction; median of five. */
  importMs: number;
  /** The same file with every id cut to 8 characters (prefix look-ups); median of five. */
  importShortIdsMs: number;
}

/**
 * Issue 11's "Markdown import of a 500-citation briefing < 1 s": a background brief whose
 * prose holds `citations` marks in clusters of one to four (prefixes, locators, suffixes),
 * beside a fifth as many placed facts, in a library of `libraryFacts` facts.
 */
function benchMarkdown(dir: string, citations = 500, libraryFacts = 20_000): MarkdownBenchResult {
  const lib = Library.open(join(dir, 'markdown.sqlite'));
  try {
    const r = rng(11);
    const sources = Array.from({ length: 200 }, (_, i) => lib.addSource(source(r, i)).id);
    const facts: string[] = [];
    lib.db.transaction(() => {
      for (let i = 0; i < libraryFacts; i++)
        facts.push(lib.addFact({ text: `${sentence(r)} (${i})`, sourceId: sources[i % 200], locator: { label: 'page', value: String(1 + (i % 300)) } }).id);
    })();
    const template = getTemplate('background-brief');
    const b = lib.createBriefing(
      { title: `Markdown benchmark (${citations} citations)`, templateId: template.id },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    const items: unknown[] = [];
    const pickFact = () => facts[Math.floor(r() * facts.length)];
    for (let cited = 0; cited < citations;) {
      const n = Math.min(1 + Math.floor(r() * 4), citations - cited);
      const cites = Array.from(
        { length: n },
        (_, k) =>
          `${k === 0 && r() < 0.3 ? 'see ' : ''}@${pickFact()}${r() < 0.6 ? `, p. ${1 + Math.floor(r() * 300)}` : ''}${r() < 0.1 ? ', emphasis added' : ''}`,
      );
      items.push({ kind: 'prose', text: `${sentence(r)} [${cites.join('; ')}] ${sentence(r)}` });
      cited += n;
      if (r() < 0.5) items.push({ kind: 'fact', factId: pickFact(), ...(r() < 0.3 ? { wording: sentence(r) } : {}) });
    }
    lib.addItems(b.id, items, template.sections[1].key);

    const md = exportBriefingMarkdown(lib, b.id);
    const short = md.replace(/([@=])([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1$2');
    const templates = { template: (id: string) => getTemplate(id) };
    return {
      citations,
      libraryFacts,
      fileBytes: Buffer.byteLength(md),
      exportMs: median(() => exportBriefingMarkdown(lib, b.id)),
      importMs: median(() => importBriefingMarkdown(lib, md, templates)),
      importShortIdsMs: median(() => importBriefingMarkdown(lib, short, templates)),
    };
  } finally {
    lib.close();
  }
}

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2];
}

/** The bench's lines for `npm run bench` (part "markdown"). */
export function printMarkdownBench(dir: string): void {
  const m = benchMarkdown(dir);
  console.log(
    `\nMarkdown briefing (brief export-md / brief import): ${m.citations} citations in prose marks, ${m.libraryFacts.toLocaleString('en')}-fact library, ${(m.fileBytes / 1024).toFixed(0)} KiB file`,
  );
  console.log(`  import, full ids        ${m.importMs.toFixed(0)} ms   (target < 1 s)`);
  console.log(`  import, 8-character ids ${m.importShortIdsMs.toFixed(0)} ms   (target < 1 s)`);
  console.log(`  export-md               ${m.exportMs.toFixed(0)} ms`);
}
