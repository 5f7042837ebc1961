import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { assembleBriefing } from './assemble';
import { CitationSession } from './citation-session';
import type { ResolvedDocument } from './document';

let lib: Library;
let done: () => void;
let id: string;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  id = loadSample(lib, new Date('2025-02-01T00:00:00Z'));
});
afterEach(() => done());

/** Every note's number and text, and the sources list, as the writers receive them. */
function citations(doc: ResolvedDocument): string[] {
  const notes = doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.inlines.flatMap((i) =>
        i.type === 'note' || i.type === 'cite' ? [`${i.type === 'note' ? i.noteNumber : ''} ${i.runs.map((r) => r.text).join('')}`] : [],
      ),
    ),
  );
  return [...notes, ...(doc.bibliography?.entries.map((e) => e.map((r) => r.text).join('')) ?? [])];
}

describe('a warm citation session', () => {
  it('gives exactly what a fresh render gives after moves, inserts, removals, locator and source edits', () => {
    const session = new CitationSession();
    const today = new Date('2025-02-01T00:00:00Z');
    const check = () => expect(citations(assembleBriefing(lib, id, { session, today }).doc)).toEqual(citations(assembleBriefing(lib, id, { today }).doc));
    check();
    const discussion = () => lib.getBriefing(id).sections.find((s) => s.key === 'discussion')!;
    lib.moveItem(id, discussion().items[1].id, 8); // the minister's quote to the end: Ibid. moves
    check();
    lib.moveItem(id, discussion().items[7].id, 0);
    check();
    const first = discussion().items[0];
    lib.addItems(id, [{ kind: 'fact', factId: first.kind === 'fact' ? first.factId : '' }], 'discussion', 1); // the same fact again: Ibid.
    check();
    lib.updateItem(id, discussion().items[1].id, { locator: { label: 'page', value: '99' } });
    check();
    lib.removeItem(id, discussion().items[3].id);
    check();
    const src = lib.listSources().find((s) => s.title.startsWith('Grain Corridor'))!;
    lib.updateSource(src.id, { title: 'Grain Corridor Reopens as Talks Resume in Istanbul' });
    check();
  });

  it('a numbered style: the sources list follows citation order after a move (it is not reused stale)', () => {
    const session = new CitationSession();
    const today = new Date('2025-02-01T00:00:00Z');
    const opts = { today, styleId: 'ieee' };
    const check = () => expect(citations(assembleBriefing(lib, id, { ...opts, session }).doc)).toEqual(citations(assembleBriefing(lib, id, opts).doc));
    check();
    const discussion = () => lib.getBriefing(id).sections.find((s) => s.key === 'discussion')!;
    // The last fact first: its source becomes [1] and every other number moves.
    lib.moveItem(id, discussion().items.at(-1)!.id, 0);
    check();
    lib.moveItem(id, discussion().items[0].id, discussion().items.length - 1);
    check();
  });

  it('stays equal to a fresh render through a random run of moves, inserts and removals', async () => {
    const { rng } = await import('../bench/random');
    const r = rng(42);
    const session = new CitationSession();
    const today = new Date('2025-02-01T00:00:00Z');
    const factIds = lib.searchFacts({ limit: 100 }).hits.map((h) => h.fact.id);
    for (let step = 0; step < 25; step++) {
      const items = lib.getBriefing(id).sections.find((s) => s.key === 'discussion')!.items;
      const op = r();
      if (op < 0.45 && items.length > 1) lib.moveItem(id, items[Math.floor(r() * items.length)].id, Math.floor(r() * items.length));
      else if (op < 0.8)
        lib.addItems(id, [{ kind: 'fact', factId: factIds[Math.floor(r() * factIds.length)] }], 'discussion', Math.floor(r() * (items.length + 1)));
      else if (items.length > 1) lib.removeItem(id, items[Math.floor(r() * items.length)].id);
      expect(citations(assembleBriefing(lib, id, { session, today }).doc), `step ${step}`).toEqual(citations(assembleBriefing(lib, id, { today }).doc));
    }
  });

  it('drops a source whose last fact leaves the briefing, and takes in a new source, without a full re-render', () => {
    const session = new CitationSession();
    const today = new Date('2025-02-01T00:00:00Z');
    const check = () => expect(citations(assembleBriefing(lib, id, { session, today }).doc)).toEqual(citations(assembleBriefing(lib, id, { today }).doc));
    check();
    const engine = assembleBriefing(lib, id, { session, today }).engine;
    let rerenders = 0;
    const renderDocument = engine.renderDocument.bind(engine);
    engine.renderDocument = (...args) => {
      rerenders++;
      return renderDocument(...args);
    };
    // Every use of one source's facts leaves: its notes go, and so does its sources entry.
    const uses = (sourceId: string) =>
      lib
        .getBriefing(id)
        .sections.flatMap((s) => s.items)
        .filter((i) => i.kind === 'fact' && lib.getFact(i.factId).sourceId === sourceId);
    const cited = lib
      .getBriefing(id)
      .sections.flatMap((s) => s.items)
      .find((i) => i.kind === 'fact')!;
    const dropped = lib.getFact(cited.kind === 'fact' ? cited.factId : '').sourceId;
    for (const item of uses(dropped)) lib.removeItem(id, item.id);
    check();
    expect(citations(assembleBriefing(lib, id, { session, today }).doc).join('\n')).not.toContain(lib.getSource(dropped).title);
    // A fact from a source the briefing never cited.
    const fresh = lib.addSource({ type: 'report', title: 'Port Authority Weekly Bulletin', issued: '2025-01-20' });
    const f = lib.addFact({ sourceId: fresh.id, text: 'Berth occupancy reached 91 percent.', locator: { label: 'page', value: '2' } });
    lib.addItems(id, [{ kind: 'fact', factId: f.id }], 'discussion', 0);
    check();
    expect(rerenders).toBe(0);
  });

  it('gives the same Zotero fields as a fresh render when notes renumber, marks change and sources are edited', async () => {
    const { marksBriefing } = await import('./testing/marks-fixture');
    const f = marksBriefing(lib);
    const session = new CitationSession();
    const fields = (doc: ResolvedDocument) =>
      doc.sections.flatMap((s) => s.blocks.flatMap((b) => b.inlines.flatMap((i) => (i.type === 'text' ? [] : [i.field.instruction]))));
    const check = () =>
      expect(fields(assembleBriefing(lib, f.briefingId, { session, today: new Date(0) }).doc)).toEqual(
        fields(assembleBriefing(lib, f.briefingId, { today: new Date(0) }).doc),
      );
    check();
    lib.addItems(f.briefingId, [{ kind: 'prose', text: `First [@${f.facts.b}].` }], 'discussion', 0); // every note renumbers
    check();
    lib.updateItem(f.briefingId, f.items.prose, { text: `Own sentence [@${f.facts.a2}, p. 9; @${f.facts.b}, p. 4] continues [see @${f.facts.c}].` });
    check();
    lib.updateSource(f.sources.c, { url: 'https://harbour-wire.example/insurers' }); // in the field's item data only
    check();
  });

  it('re-renders nothing after a prose edit that leaves the marks alone, and only the changed cluster after a mark edit', async () => {
    const { marksBriefing } = await import('./testing/marks-fixture');
    const f = marksBriefing(lib);
    const session = new CitationSession();
    const engine = assembleBriefing(lib, f.briefingId, { session }).engine;
    const calls: string[] = [];
    for (const m of ['renderDocument', 'insertCluster', 'updateCluster', 'moveCluster', 'removeCluster', 'refresh'] as const) {
      const real = (engine[m] as (...a: unknown[]) => unknown).bind(engine);
      (engine as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        calls.push(m === 'updateCluster' ? `${m} ${(a[0] as { id: string }).id}` : m);
        return real(...a);
      };
    }
    lib.updateItem(f.briefingId, f.items.prose, {
      text: `Our own sentence, reworded [@${f.facts.a2}; @${f.facts.b}, p. 4] and continued [see @${f.facts.c}].`,
    });
    assembleBriefing(lib, f.briefingId, { session });
    expect(calls).toEqual([]);
    lib.updateItem(f.briefingId, f.items.prose, {
      text: `Our own sentence, reworded [@${f.facts.a2}; @${f.facts.b}, p. 5] and continued [see @${f.facts.c}].`,
    });
    assembleBriefing(lib, f.briefingId, { session });
    expect(calls).toEqual([`updateCluster ${f.items.prose}#0`]);
  });

  it('starts afresh when the style changes', () => {
    const session = new CitationSession();
    assembleBriefing(lib, id, { session });
    const apa = assembleBriefing(lib, id, { session, styleId: 'apa' });
    expect(apa.engine.isNoteStyle).toBe(false);
    expect(citations(apa.doc)).toEqual(citations(assembleBriefing(lib, id, { styleId: 'apa' }).doc));
  });
});
