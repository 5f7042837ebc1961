import type { Briefing } from '../../core/model';
import type { Library } from '../../db/library';
import { SAMPLE_SOURCE } from '../../db/testing/temp-library';
import { dateRulesFor, getTemplate } from '../template/index';
import { exportBriefingMarkdown, importBriefingMarkdown } from './index';

/** What "the same briefing" means for the round trip: everything but ids and timestamps. */
export function content(b: Briefing): unknown {
  return {
    title: b.title,
    templateId: b.templateId,
    styleId: b.styleId,
    notePlacement: b.notePlacement,
    marking: b.marking,
    portionMarks: b.portionMarks,
    derivedFrom: b.derivedFrom,
    fields: b.fields,
    sections: b.sections.map((s) => ({ key: s.key, heading: s.heading, items: s.items.map(({ id: _id, ...rest }) => rest) })),
  };
}

export const builtIn = { template: (id: string) => getTemplate(id), dates: dateRulesFor() };

/** Exports and re-imports; returns the new briefing and the file. */
export function roundTrip(lib: Library, briefingId: string): { md: string; back: Briefing } {
  const md = exportBriefingMarkdown(lib, briefingId);
  return { md, back: importBriefingMarkdown(lib, md, builtIn) };
}

/** `n` facts over two sources, with uuids that share no 6-character prefix by chance only. */
export function addFacts(lib: Library, n: number): string[] {
  const a = lib.addSource(SAMPLE_SOURCE).id;
  const b = lib.addSource({ type: 'report', title: 'Black Sea Grain Shipments', authors: [{ literal: 'FAO' }], issued: '2024-11' }).id;
  return Array.from(
    { length: n },
    (_, i) => lib.addFact({ text: `Finding number ${i + 1}.`, sourceId: i % 2 ? a : b, locator: { label: 'page', value: String(i + 1) } }).id,
  );
}
