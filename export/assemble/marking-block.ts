import { controlsText, type Marking, tryParseMarking } from '../../core/marking-string';
import type { MarkingScheme } from '../../core/markings';
import type { Fact, Source } from '../../core/model';
import type { MarkingBlock, SourceList } from '../document';

/**
 * The first-page block the banner's level asks for, its lines named by the scheme's data:
 * for a classified document the classification authority block (Classified By, Derived From,
 * Declassify On: 32 CFR 2001.21–22), for CUI the designation indicator (Controlled by, CUI
 * Category, Distribution/Dissemination Control, POC: 32 CFR 2002.20). Each value comes from
 * the briefing's field of the same name, else the user's default, else what the document
 * itself says (sources, categories, controls). A required line left empty stays in the block
 * empty, so pre-flight names it; the writers print only lines with a value.
 */
export interface MarkingBlockInput {
  scheme: MarkingScheme;
  banner: Marking;
  fields: Record<string, string>;
  defaults: Record<string, string | undefined>;
  facts: Iterable<Fact>;
  sources: Map<string, Source>;
}

export function markingBlock(input: MarkingBlockInput): { block: MarkingBlock; sources?: SourceList } | undefined {
  const { scheme, banner } = input;
  const kind = banner.level.kind;
  const def = kind ? scheme.blocks?.[kind] : undefined;
  if (!kind || !def) return undefined;
  const derived = kind === 'classified' ? derivation(scheme, input.facts, input.sources) : undefined;
  const computed: Record<string, string> = {
    ...(derived ? { derivedFrom: derived.line } : {}),
    ...(kind === 'cui' ? { cuiCategory: banner.categories.join(', '), cuiDissemination: controlsText(scheme, banner) } : {}),
  };
  const lines = def.lines.map((l) => ({
    field: l.field,
    label: l.label,
    required: l.required,
    value: (input.fields[l.field]?.trim() || input.defaults[l.field]?.trim() || computed[l.field] || '').trim(),
  }));
  const block: MarkingBlock = { kind, lines };
  // The list behind "Multiple Sources" is kept with the document (32 CFR 2001.22(c)(1)(ii)).
  const ownLine = input.fields.derivedFrom?.trim();
  if (derived && derived.list.length > 1 && !ownLine) return { block, sources: { heading: def.sourcesHeading ?? 'Sources', entries: derived.list } };
  return { block };
}

/** The sources of the classified facts: one names itself, several are "Multiple Sources". */
function derivation(scheme: MarkingScheme, facts: Iterable<Fact>, sources: Map<string, Source>): { line: string; list: string[] } {
  const ids = new Set<string>();
  for (const f of facts) {
    if (tryParseMarking(scheme, f.marking)?.level.kind === 'classified') ids.add(f.sourceId);
  }
  const list = [...ids]
    .map((id) => sources.get(id))
    .filter((s): s is Source => s !== undefined)
    .map(sourceLine);
  return { line: list.length === 1 ? list[0] : list.length > 1 ? 'Multiple Sources' : '', list };
}

/** "Title, dated 20240315": how the booklet's examples name a source document. */
function sourceLine(s: Source): string {
  const date = s.issued?.replace(/-/g, '');
  return date ? `${s.title.trim()}, dated ${date}` : s.title.trim();
}
