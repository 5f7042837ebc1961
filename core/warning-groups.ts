/**
 * Pre-flight findings as people read them: several of one kind about different facts (eight
 * facts "not verified in 90 days") become one line with a count, each fact still listed under
 * it. The findings themselves stay one per fact (export/preflight.ts); this is presentation,
 * shared by `dossier brief check` and the app's Checks tab. Generic over the warning's shape so
 * core depends on nothing else of ours.
 */
export interface GroupableWarning {
  code: string;
  message: string;
  factId?: string | undefined;
  severity?: string | undefined;
}

export interface WarningGroup<W extends GroupableWarning> {
  code: string;
  /** The line to show: the one warning's message, or a count and what the group has in common. */
  title: string;
  /** One or more; more than one only for per-fact warnings of one code. */
  warnings: W[];
}

/** What several per-fact warnings of one code have in common, for the group's line. */
const GROUP_TITLES: Record<string, (n: number) => string> = {
  'not-verified': (n) => `${n} facts are unverified or last verified too long ago`,
  'source-undated': (n) => `${n} facts come from sources with no date`,
  'source-untitled': (n) => `${n} facts come from sources with no title`,
  'single-weak-source': (n) => `${n} facts rest on a single low-reliability source`,
  'item-marking-below-facts': (n) => `${n} items are marked below the facts they cite`,
  'reworded-quote': (n) => `${n} quotations are reworded in the briefing`,
  'quote-not-in-source': (n) => `${n} quotations cannot be found in their sources' stored originals`,
  'fact-changed': (n) => `${n} facts changed since this briefing used them`,
};

/** Groups in the order each code first appears; only per-fact warnings of a known code group. */
export function groupWarnings<W extends GroupableWarning>(warnings: readonly W[]): WarningGroup<W>[] {
  const groups: WarningGroup<W>[] = [];
  const byCode = new Map<string, WarningGroup<W>>();
  for (const w of warnings) {
    const groupable = w.factId !== undefined && GROUP_TITLES[w.code] !== undefined;
    const existing = groupable ? byCode.get(w.code) : undefined;
    if (existing) {
      existing.warnings.push(w);
      continue;
    }
    const g: WarningGroup<W> = { code: w.code, title: w.message, warnings: [w] };
    groups.push(g);
    if (groupable) byCode.set(w.code, g);
  }
  for (const g of groups) if (g.warnings.length > 1) g.title = GROUP_TITLES[g.code](g.warnings.length);
  return groups;
}
