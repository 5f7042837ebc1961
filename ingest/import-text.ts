import type { Candidate } from './candidates';
import { candidatesFromText } from './candidates';
import { invalid } from '../core/errors';
import type { Fact, Source, SourceInput } from '../core/model';
import { parseSelection } from '../core/selection';
import { sourceInputSchema, validate } from '../core/validate';
import type { Db } from '../db/open';
import { checkFactInput, getFacts, insertFact } from '../db/repo/facts';
import { getSource, insertSource } from '../db/repo/sources';
import { findMatchingSource } from '../db/repo/source-match';

export interface ImportTextOptions {
  text: string;
  /** Metadata of the source the text comes from; matched against existing sources first. */
  source?: unknown;
  /** Import into this existing source instead. */
  sourceId?: string;
  /** "all" (default), "none", or a selection like "1,3-5" of the candidates. */
  keep?: string;
  paragraphs?: boolean;
  markdown?: boolean;
  tags?: string[];
  /** Compute and return the candidates, write nothing. */
  dryRun?: boolean;
}

export interface ImportTextResult {
  /** The source written or reused; for a dry run with no matching source, its input. */
  source: Source | SourceInput;
  /** Whether the source was created by this import (false: an existing one was reused). */
  sourceCreated: boolean;
  candidates: Candidate[];
  /** Facts written (or, for a dry run, none) in document order. */
  facts: Fact[];
  /** Candidates skipped because the source already had a fact with the same words. */
  duplicates: number;
}

/**
 * Imports prose as facts of one source in one transaction: the source (new, or the existing
 * one with the same DOI / URL / title and date) and every kept sentence, or nothing at all.
 */
export function importText(db: Db, opts: ImportTextOptions): ImportTextResult {
  if (!opts.text.trim()) throw invalid('text', 'the text is empty; there is nothing to import');
  const candidates = candidatesFromText(opts.text, { paragraphs: opts.paragraphs ?? false, markdown: opts.markdown ?? false });
  if (candidates.length === 0) throw invalid('text', 'the text has no sentences to import');
  const keep = parseSelection(opts.keep ?? 'all', candidates.length);
  const sourceInput = opts.sourceId ? undefined : (validate(sourceInputSchema, opts.source ?? {}, 'source') as SourceInput);

  if (opts.dryRun) {
    const existing = opts.sourceId ? getSource(db, opts.sourceId) : findMatchingSource(db, sourceInput!);
    return { source: existing ?? sourceInput!, sourceCreated: false, candidates, facts: [], duplicates: 0 };
  }

  return db.transaction((): ImportTextResult => {
    let source = opts.sourceId ? getSource(db, opts.sourceId) : findMatchingSource(db, sourceInput!);
    const sourceCreated = !source;
    source ??= insertSource(db, sourceInput!);
    const ids: string[] = [];
    let duplicates = 0;
    const basePosition = db.prepare('SELECT coalesce(max(position), 0) FROM facts WHERE source_id = ?').pluck().get(source.id) as number;
    for (const n of keep) {
      const c = candidates[n - 1]!;
      const data = checkFactInput(db, { text: c.text, kind: c.kind, sourceId: source.id, locator: c.locator, tags: opts.tags ?? [] }, `candidate ${n}`);
      const r = insertFact(db, data, basePosition + n);
      if (r.id) ids.push(r.id);
      else duplicates++;
    }
    const facts = getFacts(db, ids);
    return { source, sourceCreated, candidates, facts: ids.map((id) => facts.get(id)!), duplicates };
  })();
}

