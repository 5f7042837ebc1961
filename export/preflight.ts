import type { Fact } from '../core/model';
import type { Library } from '../db/library';
import type { FactChange } from '../db/repo/briefing-seen';
import { DATE_EXAMPLE, readHeaderDate } from '../core/header-dates';
import { bannerText, portionText, rankOfMarking } from '../core/marking-string';
import type { AssembledBriefing } from './assemble';
import { rewordedQuote } from './assemble/fact-text';
import { factsAboveItemMarking, portionMarking, raisedMarking } from './assemble/portion';
import { describeKinds, loadClaimDetectors, unsourcedClaims } from './unsourced-claims';
import { estimatePageCount } from './docx/index';
import { dateFieldKeys } from './template/index';
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
  | 'unreadable-date'
  | 'marking-below-facts'
  | 'over-classified'
  | 'authority-block-missing'
  | 'cui-designation-missing'
  | 'declassify-on-format'
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
 * What pre-flight needs loaded before it runs on this briefing: the capture detectors, when
 * it has prose to check for unsourced claims (see unsourced-claims.ts). Await it first.
 */
export async function preflightReady(a: AssembledBriefing): Promise<void> {
  if (a.prose.size > 0) await loadClaimDetectors();
}

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
      out.push({
        code: 'single-weak-source',
        factId: fact.id,
        message: `Fact ${short(fact)} rests on a single low-reliability source (${why}) with no corroboration.`,
      });
    }
    const quote = fact.kind === 'quote' && opts.quoteInSource ? quoteSourceFinding(fact, opts.quoteInSource(fact), short) : undefined;
    if (quote) out.push(quote);
  }

  const { template, briefing, doc } = a;
  for (const def of template.sections) {
    if (!def.required) continue;
    const section = briefing.sections.find((s) => s.key === def.key);
    if (!section || section.items.length === 0)
      out.push({ code: 'empty-required-section', section: def.key, message: `Required section "${def.heading}" is empty.` });
  }
  for (const f of template.headerFields) {
    const value = f.key === 'subject' ? (briefing.fields.subject ?? briefing.title) : briefing.fields[f.key];
    if (f.required && !value?.trim()) out.push({ code: 'missing-header-field', message: `Header field ${f.label} is empty.` });
  }

  // Counted from the document's own measure; laid out only when that ends close to the limit.
  const limit = template.limits.pages;
  const pages = limit !== undefined ? estimatePageCount(doc, template, limit) : undefined;
  if (pages !== undefined && limit !== undefined && pages > limit) {
    out.push({ code: 'page-limit', message: `The briefing runs to about ${pages} pages; ${template.name} should be at most ${template.limits.pages}.` });
  }
  const bluf = doc.sections.find((s) => s.key === 'bluf');
  if (bluf && template.limits.blufLines !== undefined) {
    const lines = bluf.blocks.reduce((n, b) => n + Math.ceil(blockText(b).length / CHARS_PER_LINE), 0);
    if (lines > template.limits.blufLines)
      out.push({ code: 'bluf-too-long', section: 'bluf', message: `The BLUF runs to about ${lines} lines; keep it to ${template.limits.blufLines}.` });
  }
  if (template.limits.subjectNoAcronyms) {
    const subject = briefing.fields.subject ?? briefing.title;
    const acronyms = [...new Set(subject.match(/\b[A-Z]{2,}s?\b/g) ?? [])];
    if (acronyms.length) out.push({ code: 'subject-acronym', message: `The subject line uses acronyms (${acronyms.join(', ')}); spell them out.` });
  }
  if (template.decision && template.decision.lines.length === 0) {
    out.push({ code: 'no-decision-lines', message: `${template.name} has no Approve / Disapprove lines.` });
  }
  out.push(...unreadableDates(a));
  const passed = decisionDatePassed(a, now);
  if (passed) out.push({ code: 'decision-date-passed', message: passed });
  out.push(...markingChecks(a));
  out.push(...itemChecks(a, short, now), ...changeChecks(a, opts.changedFacts ?? [], short));
  return out.map((w) => ({ ...w, severity: w.severity ?? 'warning' }));
}

/**
 * The banner against its portions (32 CFR 2001.21(c)): below any portion it would understate
 * the document, an error; above every portion it over-classifies, a marking error of its own
 * that the analyst may still mean (a warning). Then the first-page block's required lines.
 */
function markingChecks(a: AssembledBriefing): Found[] {
  const out: Found[] = [];
  const { scheme, chosen, portions, banner } = a.marking;
  if (chosen && portions) {
    const diff = rankOfMarking(scheme, chosen) - rankOfMarking(scheme, portions);
    if (diff < 0) {
      out.push({
        code: 'marking-below-facts',
        severity: 'error',
        message: `The briefing is marked ${bannerText(scheme, chosen)} but its portions go up to (${portionText(scheme, portions)}); the banner shows ${banner ? bannerText(scheme, banner) : ''}.`,
      });
    } else if (diff > 0) {
      out.push({
        code: 'over-classified',
        message: `The briefing is marked ${bannerText(scheme, chosen)}, above every portion (the highest is (${portionText(scheme, portions)})): the banner should be the highest portion.`,
      });
    }
  }
  const block = a.doc.markingBlock;
  const declassify = block?.lines.find((l) => l.field === 'declassifyOn')?.value ?? '';
  // The booklet writes a date as YYYYMMDD ("Declassify On: 20501231"); an event is words.
  if (/\d/.test(declassify) && !/^\d{8}$/.test(declassify) && !/[a-z]{3}/i.test(declassify.replace(/^25X\d/i, ''))) {
    out.push({ code: 'declassify-on-format', message: `Declassify On "${declassify}": write a date as YYYYMMDD, e.g. 20501231.` });
  }
  for (const line of block?.lines ?? []) {
    if (!line.required || line.value) continue;
    const classified = block!.kind === 'classified';
    const hint = line.field === 'derivedFrom' ? ' (no cited fact is classified: name the source document or classification guide)' : '';
    out.push({
      code: classified ? 'authority-block-missing' : 'cui-designation-missing',
      severity: 'error',
      message: `The ${classified ? 'classification authority block' : 'CUI designation indicator'} needs "${line.label}"${hint}: set the briefing field ${line.field}${line.field === 'declassifyOn' || line.field === 'derivedFrom' ? '' : ' or your default (dossier markings default)'}.`,
    });
  }
  return out;
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
      const what = item.kind === 'fact' ? `The fact ${short(cited[0])}` : `A paragraph in "${name}"`;
      const seen = new Set<string>();
      for (const fact of factsAboveItemMarking(scheme, item, cited)) {
        if (seen.has(fact.id)) continue;
        seen.add(fact.id);
        const shown = portionText(scheme, portionMarking(scheme, cited, raisedMarking(scheme, item)));
        out.push({
          code: 'item-marking-below-facts',
          severity: 'error',
          factId: fact.id,
          section: section.key,
          message: `${what} is marked ${item.marking} but cites fact ${short(fact)}, marked ${fact.marking}; its portion mark shows (${shown}).`,
        });
      }
      if (item.kind === 'fact' && rewordedQuote(item, cited[0])) {
        out.push({
          code: 'reworded-quote',
          factId: item.factId,
          section: section.key,
          message: `The quote ${short(cited[0])} is reworded here and no longer matches its source: quotation marks stay only around words the source says.`,
        });
      }
      if (item.kind === 'prose' && (a.template.sections.find((t) => t.key === section.key)?.checkClaims ?? true)) {
        for (const claim of unsourcedClaims(a.prose.get(item.id) ?? [], today)) {
          const quoted = claim.sentence.length > 120 ? `${claim.sentence.slice(0, 117)}…` : claim.sentence;
          out.push({
            code: 'unsourced-claim',
            section: section.key,
            message: `Unsourced claim in "${name}": "${quoted}" states ${describeKinds(claim.kinds)} but cites nothing.`,
          });
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
/** Stored header dates that are not dates (free text kept from before dates were checked): they print as typed. */
function unreadableDates(a: AssembledBriefing): Found[] {
  const { briefing, template } = a;
  return dateFieldKeys(template)
    .filter((key) => briefing.fields[key]?.trim() && !readHeaderDate(briefing.fields[key], template.locale))
    .map((key) => ({
      code: 'unreadable-date' as const,
      message: `Header field ${fieldLabel(template, key)} ("${briefing.fields[key].trim()}") is not a date Dossier can read; it prints as typed. ${DATE_EXAMPLE[0].toUpperCase()}${DATE_EXAMPLE.slice(1)}.`,
    }));
}

function fieldLabel(template: AssembledBriefing['template'], key: string): string {
  if (key === 'date') return 'DATE';
  if (key === 'decideBy') return template.decision?.decideByLabel ?? key;
  return template.headerFields.find((f) => f.key === key)?.label ?? key;
}

function decisionDatePassed(a: AssembledBriefing, now: Date): string | undefined {
  const { briefing, template, doc } = a;
  const typed = doc.decision?.decideBy && briefing.fields.decideBy;
  const due = typed ? readHeaderDate(typed, template.locale) : undefined;
  if (!due) return undefined;
  // The memo's date as printed: the one typed, or the day of export (read back from the print).
  const memo = readHeaderDate(doc.date, template.locale);
  const reference = memo ?? now.toISOString().slice(0, 10);
  if (due >= reference) return undefined;
  const against = memo ? `the memo's date (${doc.date})` : 'today';
  return `The decision is requested by ${doc.decision!.decideBy}, which is before ${against}.`;
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
