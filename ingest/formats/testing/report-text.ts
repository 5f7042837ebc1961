/**
 * Prose for the generated working paper, written for these tests. "|" forces a line break, so
 * the hyphenation cases land at line ends deterministically.
 */
export const REPORT_TITLE = 'Tariff Escalation and Regional Supply Chains';
export const RUNNING_HEADER = 'Institute for Trade Studies — Working Paper 12';

export const SUMMARY =
  'This paper examines how tariff escalation on intermediate goods has reshaped regional supply chains since 2018, drawing on customs records from eleven economies and interviews with procurement managers in three sectors.';

/** Ends a line with "govern-": the rest of the word starts the next line. */
export const HYPHENATED =
  'Procurement officers told us that the decisive factor was not the level of any single duty but the uncertainty created by repeated revisions, which made it hard for any govern-|ment agency or private buyer to plan beyond a single budget cycle.';

/** "long-term" in the middle of a line, and "Euro-Atlantic" broken at its hyphen. */
export const COMPOUNDS =
  'Several firms described long-term contracts as their main defence, and a few pointed to the Euro-|Atlantic partnership framework as a source of predictability that bilateral arrangements lacked.';

/** "long-term" broken at its own hyphen: kept, because the document writes it hyphenated elsewhere. */
export const LINE_END_COMPOUND =
  'Respondents were divided on the long-|term outlook, but most expected the cost of compliance to fall as customs systems are digitised.';

export function reportParagraphs(): string[] {
  const filler = (i: number) =>
    `Finding ${i}: the survey of ${40 + i} importers shows that average lead times rose by ${(i % 7) + 2} weeks between 2019 and 2023, while the share of inputs sourced within the region increased from ${20 + i} to ${31 + i} per cent. ` +
    `Firms that had diversified suppliers before the first tariff round adjusted faster, and most of them expect to keep the additional suppliers even if duties are reduced.`;
  return [
    '## Summary',
    SUMMARY,
    HYPHENATED,
    COMPOUNDS,
    LINE_END_COMPOUND,
    '## Findings',
    ...Array.from({ length: 40 }, (_, i) => filler(i + 1)),
    '## Conclusion',
    'Tariff policy that changes often imposes costs beyond the duties themselves; predictable schedules matter as much as low ones.',
  ];
}
