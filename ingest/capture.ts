import { invalid } from '../core/errors';
import type { Fact, Source, SourceInput } from '../core/model';
import { parseSelection } from '../core/selection';
import { dateRangeProblem } from '../core/dates';
import { figureSchema, sourceInputSchema, validate } from '../core/validate';
import type { Library } from '../db/library';
import { checkFactInput, getFacts, insertFacts } from '../db/repo/facts';
import { getSource, insertSource } from '../db/repo/sources';
import { findMatchingSource } from '../db/repo/source-match';
import { type OutletSources, outletSources } from '../db/repo/outlet-sources';
import { lastFactPosition, writeStepsInOneTransaction } from '../db/repo/capture-write';
import type { PreparedOriginal } from '../db/originals/codec';
import { storeOriginal } from '../db/originals/store';
import { type Candidate, candidatesFromDocument } from './candidates';
import type { ImportedDocument, ImportOptions } from './document';
import { type OriginalFile, prepareDocumentOriginal } from './original';

export interface CaptureOptions extends ImportOptions {
  /** Metadata the user gave; it overrides what the file itself says. */
  source?: Record<string, unknown>;
  /** Add to this existing source instead. */
  sourceId?: string;
  /** "all" (default), "none", or a selection like "1,3-5" of the candidates. */
  keep?: string;
  paragraphs?: boolean;
  tags?: string[];
  /** Compute and return the candidates, write nothing. */
  dryRun?: boolean;
  /**
   * Save the suggestions with each fact (the user confirmed them): attribution, event date or
   * range, the figure, and the outlet that relayed it (an existing source of that name, else a
   * new one, written in the same transaction).
   */
  acceptSuggestions?: boolean;
  /**
   * The facts were kept without the user reading them (the command line's import without
   * --keep takes every sentence of the file): they stay unverified. Otherwise a captured fact
   * was chosen from a source the user has just read and counts as verified on its capture date.
   */
  unreviewed?: boolean;
  /** The file the document was read from: kept in the library with the source (issue 13 §4). */
  original?: OriginalFile;
  /** The same, already hashed and deflated by whoever read the file (the desktop shell). */
  preparedOriginal?: PreparedOriginal;
}

export interface CaptureResult {
  format: ImportedDocument['format'];
  /** The source written or reused; for a dry run with no matching source, its input. */
  source: Source | SourceInput;
  sourceCreated: boolean;
  candidates: Candidate[];
  /** Facts written, in document order (none for a dry run). */
  facts: Fact[];
  /** Sources made for the outlets accepted facts were relayed by ("told Reuters"). */
  outletSourcesCreated?: Source[];
  /** Candidates skipped because the source already had a fact with the same words. */
  duplicates: number;
  warnings: string[];
}

/**
 * Turns an imported document into facts of one source in ONE transaction: the source (new, or
 * the existing one with the same DOI / URL / title and date) and every kept candidate — or,
 * on any error or cancellation, nothing at all.
 */
export function captureDocument(lib: Library, doc: ImportedDocument, opts: CaptureOptions = {}): CaptureResult {
  const plan = planCapture(lib, doc, opts);
  return 'result' in plan ? plan.result : writeCapture(lib, plan, opts);
}

/** What `writeCapture` writes: the candidates found and the ones kept. */
export interface CapturePlan {
  base: Pick<CaptureResult, 'format' | 'candidates' | 'warnings'>;
  sourceInput: SourceInput | undefined;
  keep: number[];
  /** Hashed and compressed while reading, so the write only inserts it. */
  original?: PreparedOriginal;
}

/**
 * The reading half of `captureDocument`, which writes nothing: the candidate facts (the long
 * part for a large file) and the selection kept; for a dry run, the whole result. A shell that
 * wants to act on a cancel before anything is written (the command line) calls the halves
 * itself, with a turn of the event loop between them.
 */
export function planCapture(lib: Library, doc: ImportedDocument, opts: CaptureOptions = {}): CapturePlan | { result: CaptureResult } {
  const sourceInput = opts.sourceId ? undefined : sourceFor(doc, opts.source);
  const published = opts.sourceId ? getSource(lib.db, opts.sourceId).issued : sourceInput!.issued;
  const { onProgress, signal } = opts;
  onProgress?.({ phase: 'Finding candidate facts', done: 0 });
  const candidates = candidatesFromDocument(doc, {
    paragraphs: opts.paragraphs ?? false,
    ...(published ? { published } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  });
  if (candidates.length === 0)
    throw invalid('text', doc.blocks.length ? 'the text has no sentences to import' : 'the text is empty; there is nothing to import');
  const keep = parseSelection(opts.keep ?? 'all', candidates.length);
  markDuplicates(lib, candidates);
  const base = { format: doc.format, candidates, warnings: doc.warnings };

  if (opts.dryRun) {
    const db = lib.db;
    const existing = opts.sourceId ? getSource(db, opts.sourceId) : findMatchingSource(db, sourceInput!);
    return { result: { ...base, source: existing ?? sourceInput!, sourceCreated: false, facts: [], duplicates: 0 } };
  }
  const original = opts.preparedOriginal ?? (opts.original ? prepareDocumentOriginal(doc, opts.original) : undefined);
  return { base, sourceInput, keep, ...(original ? { original } : {}) };
}

/** The writing half of `captureDocument`: the source and the kept facts, in one transaction. */
export function writeCapture(lib: Library, plan: CapturePlan, opts: CaptureOptions = {}): CaptureResult {
  return writeStepsInOneTransaction(lib.db, () => captureSteps(lib, plan, opts));
}

/**
 * `writeCapture` for a caller that holds the transaction open itself (the command line's
 * `commitUnlessCancelled`): `between` runs after each batch of facts, so a Ctrl+C during a
 * long write is acted on within one batch rather than after the last.
 */
export async function writeCaptureInBatches(lib: Library, plan: CapturePlan, opts: CaptureOptions, between: () => Promise<void>): Promise<CaptureResult> {
  const steps = captureSteps(lib, plan, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await between();
  }
}

/** Facts validated and inserted per batch: a few hundred milliseconds of work on a slow machine. */
const WRITE_BATCH = 2000;

/** The write, as steps: the source, then the kept facts a batch at a time (a yield after each). */
function* captureSteps(lib: Library, plan: CapturePlan, opts: CaptureOptions): Generator<void, CaptureResult> {
  const { base, sourceInput, keep } = plan;
  const candidates = base.candidates;
  const db = lib.db;
  opts.onProgress?.({ phase: `Saving ${keep.length} facts`, done: 0, total: keep.length });
  opts.signal?.throwIfAborted();
  let source = opts.sourceId ? getSource(db, opts.sourceId) : findMatchingSource(db, sourceInput!);
  const sourceCreated = !source;
  source ??= insertSource(db, sourceInput!);
  if (plan.original) storeOriginal(db, source.id, plan.original);
  const first = lastFactPosition(db, source.id);
  const results: ReturnType<typeof insertFacts> = [];
  const verified = opts.unreviewed ? {} : { verifiedAt: new Date().toISOString() };
  const outlets = outletSources(db);
  for (let i = 0; i < keep.length; i += WRITE_BATCH) {
    const rows = keep.slice(i, i + WRITE_BATCH).map((n) => {
      const c = candidates[n - 1];
      const suggested = opts.acceptSuggestions ? accepted(c, source.id, outlets) : {};
      const data = checkFactInput(
        db,
        { text: c.text, kind: c.kind, sourceId: source.id, locator: c.locator, tags: opts.tags ?? [], ...suggested, ...verified },
        `candidate ${n}`,
      );
      return { data, position: first + n };
    });
    results.push(...insertFacts(db, rows));
    opts.onProgress?.({ phase: `Saving ${keep.length} facts`, done: Math.min(keep.length, i + WRITE_BATCH), total: keep.length });
    if (i + WRITE_BATCH < keep.length) yield;
  }
  const ids = results.flatMap((r) => (r.id ? [r.id] : []));
  const facts = getFacts(db, ids);
  outlets.dropUnused();
  const made = outlets.created.length ? { outletSourcesCreated: outlets.created.map((id) => getSource(db, id)) } : {};
  return { ...base, source, sourceCreated, facts: ids.map((id) => facts.get(id)!), duplicates: results.length - ids.length, ...made };
}

/** The file's own metadata with the user's on top, validated (the error names the field). */
function sourceFor(doc: ImportedDocument, given: Record<string, unknown> | undefined): SourceInput {
  const merged: Record<string, unknown> = { type: 'article-newspaper', ...doc.source };
  for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined && v !== '') merged[k] = v;
  return validate(sourceInputSchema, merged, 'source');
}

/** Candidates that restate a fact already in the library are flagged with it (not dropped). */
function markDuplicates(lib: Library, candidates: Candidate[]): void {
  // Large documents: the check costs a few milliseconds per sentence; skip beyond 2,000.
  if (candidates.length > 2000) return;
  for (const c of candidates) {
    const d = lib.findNearDuplicates(c.text, { limit: 3 });
    if (d.length) c.duplicates = d;
  }
}

/**
 * The suggestions of a candidate, as fact fields. A suggestion that would not pass validation
 * (an extractor's slip: a range ending before it starts) is left out rather than failing the
 * capture; the sentence itself is still kept.
 */
function accepted(c: Candidate, sourceId: string, outlets: OutletSources): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.eventDate) out.eventDate = c.eventDate;
  if (c.eventDate && c.eventDateEnd && !dateRangeProblem(c.eventDate, c.eventDateEnd)) out.eventDateEnd = c.eventDateEnd;
  if (c.attribution && (c.attribution.name || c.attribution.role)) {
    out.attribution = { ...(c.attribution.name ? { name: c.attribution.name } : {}), ...(c.attribution.role ? { role: c.attribution.role } : {}) };
  }
  const outlet = c.attribution?.viaOutlet?.trim();
  if (outlet) {
    const via = outlets.idFor(outlet);
    // An article by the outlet itself ("Reuters reported" in a Reuters story) was not relayed.
    if (via !== sourceId) out.viaSourceId = via;
  }
  if (c.statistic) {
    const figure = figureSchema().safeParse({
      stated: c.statistic.figure,
      ...(c.statistic.value !== undefined ? { value: c.statistic.value } : {}),
      ...(c.statistic.unit ? { unit: c.statistic.unit } : {}),
    });
    if (figure.success) out.figure = figure.data;
  }
  return out;
}
