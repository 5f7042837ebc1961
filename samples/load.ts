import type { Library } from '../db/library';
import { localIsoDate } from '../core/header-dates';
import { getTemplate } from '../export/template/index';
import sample from './grain-corridor.json';

/**
 * Fills a library with the sample (invented) grain-corridor sources and facts, and builds the
 * sample action memo from them. Returns the briefing's id. Runs in one transaction.
 */
export function loadSample(lib: Library, today = new Date()): string {
  return lib.db.transaction(() => {
    lib.setMarkingScheme(sample.markingScheme);
    const sources = new Map<string, string>();
    for (const { key, ...input } of sample.sources) sources.set(key, lib.addSource(input).id);
    const facts = new Map<string, string>();
    for (const f of sample.facts) {
      const { key, source, via, verified, ...rest } = f;
      const fact = lib.addFact(
        {
          ...rest,
          sourceId: sources.get(source)!,
          ...(via ? { viaSourceId: sources.get(via)! } : {}),
          ...(verified ? { verifiedAt: today.toISOString() } : {}),
        },
        { unreviewed: !verified },
      ); // the sample shows a memo with some facts still to check
      facts.set(key, fact.id);
    }
    const b = sample.briefing;
    const template = getTemplate(b.template);
    const briefing = lib.createBriefing(
      {
        title: b.title,
        templateId: template.id,
        styleId: b.style,
        portionMarks: b.portionMarks,
        derivedFrom: b.derivedFrom,
        // The decision is due a few days after the memo is written, whenever the sample is built.
        fields: { ...b.fields, decideBy: localIsoDate(new Date(today.getTime() + b.decideInDays * 86_400_000)) },
      },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    for (const [section, items] of Object.entries(b.sections)) {
      lib.addItems(
        briefing.id,
        items.map((i) =>
          'fact' in i ? { kind: 'fact', factId: facts.get(i.fact)!, ...('lead' in i ? { lead: i.lead } : {}) } : { kind: 'prose', text: i.prose },
        ),
        section,
      );
    }
    return briefing.id;
  })();
}
