import type { Fact, FactItem } from '../core/model';
import type { Library } from '../db/library';
import type { FactChange } from '../db/repo/briefing-seen';
import { partialDateEnd } from '../core/dates';
import { rankOf } from '../core/markings';
import { normaliseDate } from '../ingest/index';
import type { AssembledBriefing } from './assemble';
import { rewordedQuote } from './assemble/fact-text';
import { factsAboveItemMarking, portionLevel, raisedLevel } from './assemble/portion';
import { describeKinds, unsourcedClaims } from './unsourced-claims';
import { estimatePageCount } from './docx/index';
import type { Block } from './document';
import type { QuoteVerdict } from '../db/originals/quote-check';
import { quoteSourceFinding } from './quote-source';

export type PreflightCode =
  | 'source-undated'
  | 'source-untitled'
  | 'not-verified'
  | 'single-weak-source'
  | 'empty-required-section'
  | 'missing-header-field'
  | 'page-limit'
  | 'bluf-too-long'
  | 'subject-acronym'
  | 'no-decision-lines'
  | 'decision-date-passed'
  | 'marking-below-facts'
  | 'item-marking-below-facts'
  | 'reworded-quote'
  | 'fact-changed'
  | 'unsourced-claim'
  | 'quote-not-in-source';

/** `error`: the document would say something false (a portion marked below what it cites). */
export type PreflightSeverity = 'error' | 'warning';

export interface PreflightWarning {
  code: PreflightCode;
  severity: PreflightSeverity;
  message: string;
  factId?: string;
  section?: string;
}

/** A finding before its severity is settled: every check but the marking ones only warns. */
type Found = Omit<PreflightWarning, 'severity'> & { severity?: PreflightSeverity };

export interface PreflightOptions {
  /** A fact not verified for this many days is flagged (default 90). */
  staleDays?: number;
  now?: Date;
  /** Facts with corroboration from an independent source (from the corroboration links). */
  corroborated?: (factId: string) => boolean;
  /** Facts changed in the library since the briefing took them (lib.changedFacts). */
  changedFacts?: FactChange[];
  /** Whether a quote fact's words are in its source's stored original (lib.quoteChecker()). */
  quoteInSource?: (fact: Fact) => QuoteVerdict;
}

/** Characters per line of 12-point body text across a 6.5-inch measure: a BLUF line budget. */
const CHARS_PER_LINE = 90;

/**
 * Checks a briefing before it goes up the chain. Never blocks: the analyst decides; an
 * `error` is a mark that cannot stand, a `warning` something to look at. Each names the fact,
 * section or field concerned.
 */
export function preflight(a: AssembledBriefing, opts: PreflightOptions = {}): PreflightWarning[] {
  const out: Found[] = [];
  const now = opts.now ?? new Date();
  const staleDays = opts.staleDays ?? 90;
  const cutoff = new Date(now.getTime() - staleDays * 86_400_000).toISOString();
  // A fact that is itself a quotation is not wrapped in a second pair of marks.
  const short = (f: Fact) => {
    const t = f.text.length > 60 ? f.text.slice(0, 57) + '…' : f.text;
    return /^["“]/.test(t) ? t : `"${t}"`;
  };

  for (const fact of a.facts.values()) {
    const source = a.sources.get(fact.sourceId)!;
    if (!source.issued) out.push({ code: 'source-undated', factId: fact.id, message: `Fact ${short(fact)}: its source "${source.title}" has no date.` });
    if (!source.title.trim()) out.push({ code: 'source-untitled', factId: fact.id, message: `Fact ${short(fact)}: its source has no title.` });
    if (!fact.verifiedAt || fact.verifiedAt < cutoff) {
      const when = fact.verifiedAt ? `last verified ${fact.verifiedAt.slice(0, 10)}` : 'never verified';
      out.push({ code: 'not-verified', factId: fact.id, message: `Fact ${short(fact)} is ${when} (older than ${staleDays} days).` });
    }
    const weakSource = source.reliability !== undefined && ['D', 'E', 'F'].includes(source.reliability);
    const weakInfo = fact.credibility !== undefined && fact.credibility >= 4;
    if ((weakSource || weakInfo) && !(opts.corroborated?.(fact.id) ?? false)) {
      const why = [weakSource ? `source graded ${source.reliability}` : '', weakInfo ? `credibility ${fact.credibility}` : ''].filter(Boolean).join(', ');
      out.push({ code: 'single-weak-source', factId: fact.id, message: `Fact ${short(fact)} rests on a single low-reliability source (${why}) with no corroboration.` });
    }
    const quote = fact.kind === 'quote' && opts.quoteInSource ? quoteSourceFinding(fact, opts.quoteInSource(fact), short) : undefined;
    if (quote) out.push(quote);
  }

  const { template, briefing, doc } = a;
  for (const def of template.sections) {
    if (!def.required) continue;
    const section = briefing.sections.find((s) => s.key === def.key);
    if (!section || section.items.length === 0) out.push({ code: 'empty-required-section', section: def.key, message: `Required section "${def.heading}" is empty.` });
  }
  for (const f of template.headerFields) {
    const value = f.key === 'subject' ? (briefing.fields.subject ?? briefing.title) : briefing.fields[f.key];
    if (f.required && !value?.trim()) out.push({ code: 'missing-header-field', message: `Header field ${f.label} is empty.` });
  }

  const pages = template.limits.pages !== undefined ? estimatePageCount(doc, template) : undefined;
  if (pages !== undefined && template.limits.pages !== undefined && pages > template.limits.pages) {
    out.push({ code: 'page-limit', message: `The briefing runs to about ${pages} pages; ${template.name} should be at most ${template.limits.pages}.` });
  }
  const bluf = doc.sections.find((s) => s.key === 'bluf');
  if (bluf && template.limits.blufLines !== undefined) {
    const lines = bluf.blocks.reduce((n, b) => n + Math.ceil(blockText(b).length / CHARS_PER_LINE), 0);
    if (lines > template.limits.blufLines) out.push({ code: 'bluf-too-long', section: 'bluf', message: `The BLUF runs to about ${lines} lines; keep it to ${template.limits.blufLines}.` });
  }
  if (template.limits.subjectNoAcronyms) {
    const subject = briefing.fields.subject ?? briefing.title;
    const acronyms = [...new Set(subject.match(/\b[A-Z]{2,}s?\b/g) ?? [])];
    if (acronyms.length) out.push({ code: 'subject-acronym', message: `The subject line uses acronyms (${acronyms.join(', ')}); spell them out.` });
  }
  if (template.decision && template.decision.lines.length === 0) {
    out.push({ code: 'no-decision-lines', message: `${template.name} has no Approve / Disapprove lines.` });
  }
  const passed = decisionDatePassed(doc.decision?.decideBy, doc.date, now);
  if (passed) out.push({ code: 'decision-date-passed', message: passed });
  if (briefing.marking && a.marking.required && rankOf(a.marking.scheme, briefing.marking) < rankOf(a.marking.scheme, a.marking.required.id)) {
    out.push({
      code: 'marking-below-facts',
      message: `The briefing is marked ${briefing.marking} but cites facts marked ${a.marking.required.id}; the banner shows ${a.marking.required.banner}.`,
    });
  }
  out.push(...itemChecks(a, short, now), ...changeChecks(a, opts.changedFacts ?? [], short));
  return out.map((w) => ({ ...w, severity: w.severity ?? 'warning' }));
}

/** What each item says: item marks below what they cite, reworded quotes, unsourced claims. */
function itemChecks(a: AssembledBriefing, short: (f: Fact) => string, now: Date): Found[] {
  const out: Found[] = [];
  const scheme = a.marking.scheme;
  const today = now.toISOString().slice(0, 10);
  for (const section of a.briefing.sections) {
    const name = section.heading || section.key;
    for (const item of section.items) {
      const cited =
        item.kind === 'fact'
          ? [a.facts.get(item.factId)!]
          : (a.prose.get(item.id) ?? []).flatMap((s) => (s.kind === 'cite' ? s.cluster.cites.map((c) => a.facts.get(c.factId)!) : []));
      const what = item.kind === 'fact' ? `The fact ${short(cited[0]!)}` : `A paragraph in "${name}"`;
      const seen = new Set<string>();
      for (const fact of factsAboveItemMarking(scheme, item, cited)) {
        if (seen.has(fact.id)) continue;
        seen.add(fact.id);
        const shown = portionLevel(scheme, cited, raisedLevel(scheme, item));
        out.push({
          code: 'item-marking-below-facts',
          severity: 'error',
          factId: fact.id,
          section: section.key,
          message: `${what} is marked ${item.marking} but cites fact ${short(fact)}, marked ${fact.marking}; its portion mark shows (${shown?.portion ?? fact.marking}).`,
        });
      }
      if (item.kind === 'fact' && rewordedQuote(item as FactItem, cited[0]!)) {
        out.push({
          code: 'reworded-quote',
          factId: item.factId,
          section: section.key,
          message: `The quote ${short(cited[0]!)} is reworded here and no longer matches its source: quotation marks stay only around words the source says.`,
        });
      }
      if (item.kind === 'prose' && (a.template.sections.find((t) => t.key === section.key)?.checkClaims ?? true)) {
        for (const claim of unsourcedClaims(a.prose.get(item.id) ?? [], today)) {
          const quoted = claim.sentence.length > 120 ? `${claim.sentence.slice(0, 117)}…` : claim.sentence;
          out.push({ code: 'unsourced-claim', section: section.key, message: `Unsourced claim in "${name}": "${quoted}" states ${describeKinds(claim.kinds)} but cites nothing.` });
        }
      }
    }
  }
  return out;
}

/** "Fact changed since you used it": the old and the new text, or what changed in its source. */
function changeChecks(a: AssembledBriefing, changes: readonly FactChange[], short: (f: Fact) => string): Found[] {
  return changes.flatMap((c): Found[] => {
    const fact = a.facts.get(c.factId);
    if (!fact) return [];
    const what = c.oldText !== c.newText ? `was "${c.oldText}", now "${c.newText}"` : `its ${c.changed.join(', ')} changed`;
    return [{ code: 'fact-changed', factId: c.factId, message: `Fact ${short(fact)} changed since this briefing used it: ${what}.` }];
  });
}

/**
 * A decide-by date already behind the memo's own date (a memo reused from last month, a date
 * typed with the wrong year) asks the reader for the impossible. Both are free text as the
 * analyst typed them; a date that cannot be read, or that names a whole month still running,
 * raises nothing. Without a readable memo date, today is the reference.
 */
function decisionDatePassed(decideBy: string | undefined, memoDate: string, now: Date): string | undefined {
  if (!decideBy?.trim()) return undefined;
  const due = normaliseDate(decideBy);
  if (!due) return undefined;
  const memo = normaliseDate(memoDate);
  const reference = memo?.length === 10 ? memo : now.toISOString().slice(0, 10);
  if (partialDateEnd(due) >= reference) return undefined;
  const against = memo?.length === 10 ? `the memo's date (${memoDate.trim()})` : 'today';
  return `The decision is requested by ${decideBy.trim()}, which is before ${against}.`;
}

function blockText(b: Block): string {
  return b.inlines.map((i) => (i.type === 'text' ? i.run.text : '')).join('');
}

/**
 * Pre-flight options completed from the library: corroboration from its links (independent
 * origins), the facts changed since the briefing took them, and the quote check against the
 * stored originals.
 */
export function withCorroboration(lib: Library, a: AssembledBriefing, opts: PreflightOptions = {}): PreflightOptions {
  const out = { ...opts };
  if (!out.corroborated) {
    const single = new Set(lib.singleSourceFacts([...a.facts.keys()]));
    out.corroborated = (id) => !single.has(id);
  }
  out.changedFacts ??= lib.changedFacts(a.briefing.id);
  out.quoteInSource ??= lib.quoteChecker();
  return out;
}
