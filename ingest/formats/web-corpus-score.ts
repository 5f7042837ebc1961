import { Readability } from '@mozilla/readability';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import type { CslName } from '../../core/csl';
import { normaliseDate } from './dates';
import { decodeHtmlBytes } from './html-decode';
import { readDocument } from './index';

/**
 * Web-page metadata measured on real saved pages (testing/web-corpus, labelled by hand in
 * labels.json): for each field, on how many pages Dossier's importer — the entry `dossier import`
 * uses — finds the right value, against Mozilla Readability run on the same bytes.
 *
 * A field labelled null (no byline, no date, no site name on the page) counts as correct only
 * when nothing is returned: a date or a site name offered as the author is an error, not a find.
 */
/** Next to this file; the bundled benchmark passes the folder's place in the source tree. */
const CORPUS_DIR = fileURLToPath(new URL('./testing/web-corpus', import.meta.url));

type OneOrMany = string | string[];
interface Label {
  title: OneOrMany;
  byline: string[] | null;
  siteName: OneOrMany | null;
  date: string | null;
}

interface PageMetadata {
  title?: string;
  /** Authors as one display string ("Jane Doe and John Roe"). */
  byline?: string;
  siteName?: string;
  /** YYYY-MM-DD (or a shorter partial date). */
  date?: string;
}

export const FIELDS = ['title', 'byline', 'siteName', 'date'] as const;
type Field = (typeof FIELDS)[number];

interface PageResult {
  file: string;
  dossier: PageMetadata | { error: string };
  readability: PageMetadata | { error: string };
}

export interface CorpusScore {
  pages: number;
  sites: number;
  dossier: Record<Field, number>;
  readability: Record<Field, number>;
  dossierFailed: string[];
  readabilityFailed: string[];
  /** Pages where Dossier is wrong and Readability right, per field: what to fix next. */
  losses: Record<Field, string[]>;
  results: PageResult[];
}

function readLabels(dir = CORPUS_DIR): Record<string, Label> {
  return JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<string, Label>;
}

export async function scoreWebCorpus(dir = CORPUS_DIR): Promise<CorpusScore> {
  const labels = readLabels(dir);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const zero = (): Record<Field, number> => ({ title: 0, byline: 0, siteName: 0, date: 0 });
  const score: CorpusScore = {
    pages: files.length,
    sites: new Set(files.map((f) => normal(anyOf(labels[f]?.siteName ?? f)[0]))).size,
    dossier: zero(),
    readability: zero(),
    dossierFailed: [],
    readabilityFailed: [],
    losses: { title: [], byline: [], siteName: [], date: [] },
    results: [],
  };
  for (const file of files) {
    const label = labels[file];
    if (!label) throw new Error(`${file}: no entry in labels.json`);
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const result: PageResult = {
      file,
      dossier: await attempt(() => dossierMetadata(bytes, file)),
      readability: await attempt(() => readabilityMetadata(bytes, file)),
    };
    score.results.push(result);
    if ('error' in result.dossier) score.dossierFailed.push(`${file}: ${result.dossier.error}`);
    if ('error' in result.readability) score.readabilityFailed.push(`${file}: ${result.readability.error}`);
    for (const field of FIELDS) {
      const ours = !('error' in result.dossier) && correct(field, label, result.dossier);
      const theirs = !('error' in result.readability) && correct(field, label, result.readability);
      if (ours) score.dossier[field]++;
      if (theirs) score.readability[field]++;
      if (theirs && !ours) score.losses[field].push(file);
    }
  }
  return score;
}

async function attempt(run: () => Promise<PageMetadata> | PageMetadata): Promise<PageMetadata | { error: string }> {
  try {
    return await run();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

async function dossierMetadata(bytes: Uint8Array, fileName: string): Promise<PageMetadata> {
  const { source } = await readDocument(bytes, { fileName });
  const out: PageMetadata = {};
  if (source.title) out.title = source.title;
  if (source.authors?.length) out.byline = source.authors.map(displayName).join(' and ');
  const site = source.containerTitle ?? source.publisher;
  if (site) out.siteName = site;
  if (source.issued) out.date = source.issued;
  return out;
}

/** Readability as its README runs it, on the same decoded text and the same DOM as the importer. */
function readabilityMetadata(bytes: Uint8Array, fileName: string): PageMetadata {
  const { document } = parseHTML(decodeHtmlBytes(bytes, fileName).html);
  const parsed = new Readability(document).parse();
  const out: PageMetadata = {};
  if (parsed?.title) out.title = parsed.title;
  if (parsed?.byline) out.byline = parsed.byline;
  if (parsed?.siteName) out.siteName = parsed.siteName;
  const date = normaliseDate(parsed?.publishedTime);
  if (date) out.date = date;
  return out;
}

function displayName(n: CslName): string {
  return n.literal ?? [n.given, n['non-dropping-particle'], n.family, n.suffix].filter(Boolean).join(' ');
}

function correct(field: Field, label: Label, found: PageMetadata): boolean {
  const value = found[field];
  switch (field) {
    case 'title':
      return value !== undefined && anyOf(label.title).some((t) => same(t, value));
    case 'siteName':
      return label.siteName === null ? value === undefined : value !== undefined && anyOf(label.siteName).some((s) => same(s, value));
    case 'date':
      return label.date === null ? value === undefined : value === label.date;
    case 'byline':
      return label.byline === null ? value === undefined : value !== undefined && namesMatch(label.byline, value);
  }
}

/**
 * Every labelled author appears in what was found, and little else does: "By Ed Hornick, CNN"
 * passes for Ed Hornick, a byline that is a whole author box does not. Generous to a byline
 * string (Readability's), so the comparison cannot favour Dossier's structured names.
 */
function namesMatch(names: string[], found: string): boolean {
  const text = normal(found);
  const wanted = names.map(normal);
  return wanted.every((n) => text.includes(n)) && text.length <= wanted.join(' and ').length + 25;
}

function anyOf(v: OneOrMany): string[] {
  return Array.isArray(v) ? v : [v];
}

function same(a: string, b: string): boolean {
  return normal(a) === normal(b);
}

/** Case, accents, whitespace and punctuation do not matter. */
function normal(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The table BENCHMARKS.md records. */
export function formatScore(s: CorpusScore): string {
  const pad = (x: string, n: number) => x.padEnd(n);
  const lines = [`${s.pages} saved pages from ${s.sites} sites; found and correct:`, `  ${pad('field', 12)}${pad('Dossier', 10)}Readability 0.6.0`];
  for (const f of FIELDS) lines.push(`  ${pad(f, 12)}${pad(`${s.dossier[f]}/${s.pages}`, 10)}${s.readability[f]}/${s.pages}`);
  lines.push(`  ${pad('failed', 12)}${pad(String(s.dossierFailed.length), 10)}${s.readabilityFailed.length}`);
  return lines.join('\n');
}
