import type { Library } from '../../db/library';
import { getTemplate } from '../template/index';

/**
 * A briefing that cites facts in its own prose, between placed facts, on three sources:
 *
 *   discussion: [placed fact A1] [prose "Own sentence [@A2; @B, p. 4] continues [see @C]."] [placed fact C]
 *
 * so Chicago notes read: 1 Okafor full, 2 Okafor short + ITS full (one note, two cites),
 * 3 "See" Lindqvist full, 4 Ibid.
 */
export interface MarksFixture {
  briefingId: string;
  facts: { a1: string; a2: string; b: string; c: string };
  sources: { a: string; b: string; c: string };
  items: { placedA1: string; prose: string; placedC: string };
}

export function marksBriefing(lib: Library, opts: { styleId?: string; portionMarks?: boolean } = {}): MarksFixture {
  const a = lib.addSource({
    type: 'article-newspaper',
    title: 'Grain Corridor Reopens as Talks Resume',
    authors: [{ family: 'Okafor', given: 'Adaeze' }],
    containerTitle: 'The Meridian Herald',
    issued: '2025-01-19',
  }).id;
  const b = lib.addSource({
    type: 'report',
    title: 'Black Sea Shipping After the Ceasefire',
    authors: [{ literal: 'Institute for Trade Studies' }],
    publisher: 'Institute for Trade Studies',
    issued: '2024-12',
  }).id;
  const c = lib.addSource({
    type: 'article-newspaper',
    title: 'Insurers Return to Odesa Routes',
    authors: [{ family: 'Lindqvist', given: 'Erik' }],
    containerTitle: 'Harbour Wire',
    issued: '2025-01-22',
  }).id;
  const a1 = lib.addFact({ sourceId: a, text: 'Ships carrying grain left Odesa on Jan. 18.', locator: { label: 'paragraph', value: '1' } }).id;
  const a2 = lib.addFact({ sourceId: a, text: 'Talks on guarantees resume next week.', locator: { label: 'paragraph', value: '3' } }).id;
  const bf = lib.addFact({ sourceId: b, text: 'Berths ran at 92 percent of capacity.', locator: { label: 'page', value: '14' }, marking: 'CUI' }).id;
  const cf = lib.addFact({ sourceId: c, text: 'Two insurers returned to the route.', locator: { label: 'paragraph', value: '2' } }).id;
  const template = getTemplate('info-memo');
  const briefing = lib.createBriefing(
    {
      title: 'Corridor update',
      templateId: template.id,
      styleId: opts.styleId ?? 'chicago-fullnote-bibliography-with-ibid',
      portionMarks: opts.portionMarks ?? false,
    },
    template.sections.map((s) => ({ key: s.key, heading: s.heading })),
  );
  lib.addItems(
    briefing.id,
    [
      { kind: 'fact', factId: a1 },
      { kind: 'prose', text: `Own sentence [@${a2}; @${bf}, p. 4] continues [see @${cf}].` },
      { kind: 'fact', factId: cf },
    ],
    'discussion',
  );
  const items = lib.getBriefing(briefing.id).sections.find((s) => s.key === 'discussion')!.items;
  return {
    briefingId: briefing.id,
    facts: { a1, a2, b: bf, c: cf },
    sources: { a, b, c },
    items: { placedA1: items[0].id, prose: items[1].id, placedC: items[2].id },
  };
}
