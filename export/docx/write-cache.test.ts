import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefing } from '../../bench/export-bench';
import { rng } from '../../bench/random';
import { Library } from '../../db/library';
import { tempDir } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { CitationSession } from '../citation-session';
import { exportBriefing } from '../export-briefing';
import { previewBriefing } from '../preview-briefing';
import { ITEMS, zoteroInstruction } from '../testing/fixtures';
import type { Run } from '../document';
import { type NoteContent, withNotes, withNotesBytes } from './note-part';
import { DocxWriteCache } from './write-cache';
import { readZip } from './zip';

// Zotero's document session id is random (zotero-document.ts): pinned, so two exports of one state compare whole.
vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, randomBytes: (size: number) => Buffer.alloc(size, 7) };
});

const PART = '<?xml version="1.0"?><w:footnotes xmlns:w="w"><w:footnote w:id="-1"/></w:footnotes>';

/**
 * An instruction whose number sits anywhere relative to the 250-character chunks: `pad`
 * characters of title before it. Only the number changes with `noteIndex`.
 */
function instruction(pad: number, noteIndex: number, extra = ''): string {
  const item = { ...ITEMS.lee, title: `${'T'.repeat(pad)}${extra}` };
  return zoteroInstruction(item, 'Lee, Corridors, 3.', noteIndex, '3').replace(/"citationID":"[^"]*"/, '"citationID":"c1"');
}

const runs: Run[] = [{ text: 'Min-jun Lee, ' }, { text: 'Corridors “of” Power', italic: true }, { text: ' (Harbor Press, 2024), 3.' }];

describe('the kept notes of a warm export', () => {
  it('write the bytes a fresh write gives, whatever the number and wherever it falls among the chunks', () => {
    const cache = new DocxWriteCache();
    // Titles that put the number before, across and after chunk ends; numbers of 1 to 5 digits.
    const notes = (shift: number): NoteContent[] =>
      Array.from({ length: 260 }, (_, k) => {
        const id = k + shift;
        return { id, key: `c${k}`, runs, instruction: instruction(k, id) };
      });
    for (const shift of [1, 8, 95, 990, 9_995, 5]) {
      cache.startRender();
      const fresh = Buffer.from(withNotes(PART, 'footnotes', notes(shift)), 'utf8');
      expect(withNotesBytes(PART, 'footnotes', notes(shift), cache).equals(fresh), `numbers from ${shift}`).toBe(true);
    }
  });

  it('write hostile and changed notes as a fresh write does: surrogates, illegal characters, addresses, new runs, endnotes', () => {
    const cache = new DocxWriteCache();
    const odd: Array<[string, Run[]]> = [
      [instruction(30, 1), runs],
      [instruction(240, 1, '😀 emoji across a chunk end'), runs],
      [instruction(10, 1, 'form\ffeed and \u0000 nul'), runs],
      [instruction(10, 1), [{ text: 'See https://example.org/a?b=1&c=2 and www.example.com.' }]],
      [` ${instruction(10, 1)} `, [{ text: 'مصدر عربي', italic: true }]],
      [instruction(10, 1).replace('"noteIndex":1', '"noteIndex":"1"'), runs],
      [instruction(10, 1), []],
    ];
    const notes = (shift: number, edited: boolean): NoteContent[] =>
      odd.map(([instr, r], k) => ({
        id: k + shift,
        key: `c${k}`,
        runs: edited && k === 0 ? [{ text: 'Ibid.' }] : r,
        instruction: instr.replace('"noteIndex":1', `"noteIndex":${k + shift}`),
      }));
    for (const [shift, edited, kind] of [
      [1, false, 'footnotes'],
      [9, false, 'footnotes'],
      [9, true, 'footnotes'],
      [100, true, 'endnotes'],
    ] as const) {
      cache.startRender();
      const part = kind === 'endnotes' ? PART.replace(/footnote/g, 'endnote') : PART;
      const fresh = Buffer.from(withNotes(part, kind, notes(shift, edited)), 'utf8');
      expect(withNotesBytes(part, kind, notes(shift, edited), cache).equals(fresh), `${kind} from ${shift}`).toBe(true);
    }
  });
});

describe('a warm session export', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    vi.useFakeTimers({ now: new Date('2026-03-02T09:30:00.000Z'), toFake: ['Date'] });
    ({ dir, cleanup } = tempDir());
  });
  afterAll(() => {
    vi.useRealTimers();
    cleanup();
  });

  /** The warm export and a session-less one of the same state, byte for byte. */
  async function expectSameAsFresh(lib: Library, briefingId: string, session: CitationSession, label: string, opts: { notes?: 'endnotes' } = {}) {
    const warm = join(dir, 'warm.docx');
    const cold = join(dir, 'cold.docx');
    await exportBriefing(lib, briefingId, { out: warm, session, ...opts });
    await exportBriefing(lib, briefingId, { out: cold, ...opts });
    // The session sees an edited source by its updatedAt: the next edit must come at a later time.
    vi.setSystemTime(Date.now() + 1000);
    const [a, b] = [readFileSync(warm), readFileSync(cold)];
    if (a.equals(b)) return;
    // Name the first part that differs and where, rather than print whole parts.
    const fresh = new Map(readZip(b).map((e) => [e.name, e.data.toString('utf8')]));
    for (const e of readZip(a)) {
      const [x, y] = [e.data.toString('utf8'), fresh.get(e.name) ?? ''];
      let at = 0;
      while (at < x.length && x[at] === y[at]) at++;
      expect(x.slice(at - 80, at + 80), `${label}: ${e.name}`).toBe(y.slice(at - 80, at + 80));
    }
    expect(a.equals(b), label).toBe(true);
  }

  it('is the file a fresh export writes, through moves, inserts, removals, locator, fact and source edits', async () => {
    const lib = Library.open(join(dir, 'sample.sqlite'));
    const id = loadSample(lib, new Date('2026-03-02T09:30:00.000Z'));
    const session = new CitationSession();
    const discussion = () => lib.getBriefing(id).sections.find((s) => s.key === 'discussion')!;
    await expectSameAsFresh(lib, id, session, 'first');
    lib.moveItem(id, discussion().items[1].id, discussion().items.length - 1);
    await expectSameAsFresh(lib, id, session, 'moved');
    lib.updateItem(id, discussion().items[0].id, { locator: { label: 'page', value: '99' } });
    await expectSameAsFresh(lib, id, session, 'locator');
    const first = discussion().items[0];
    if (first.kind === 'fact') lib.updateFact(first.factId, { text: 'An edited fact with "straight quotes" -- and a dash.' });
    await expectSameAsFresh(lib, id, session, 'fact text');
    const src = lib.listSources()[0];
    lib.updateSource(src.id, { title: 'A Retitled Source', url: 'https://example.org/retitled' });
    await expectSameAsFresh(lib, id, session, 'source with an address');
    lib.removeItem(id, discussion().items[2].id);
    await expectSameAsFresh(lib, id, session, 'removed');
    await expectSameAsFresh(lib, id, session, 'endnotes', { notes: 'endnotes' });
    await expectSameAsFresh(lib, id, session, 'footnotes again');
    lib.close();
  }, 60_000);

  it('is written ahead into memory in the pause after a preview, and the first export is then the file a fresh export writes', async () => {
    const lib = Library.open(join(dir, 'previewed.sqlite'));
    const id = loadSample(lib, new Date('2026-03-02T09:30:00.000Z'));
    const session = new CitationSession();
    await previewBriefing(lib, id, { session });
    expect(session.docx.filled).toBe(false);
    await session.idle();
    expect(session.docx.filled).toBe(true);
    await expectSameAsFresh(lib, id, session, 'first export after the preview');
    const discussion = () => lib.getBriefing(id).sections.find((s) => s.key === 'discussion')!;
    lib.moveItem(id, discussion().items[1].id, discussion().items.length - 1);
    await previewBriefing(lib, id, { session });
    await session.idle();
    await expectSameAsFresh(lib, id, session, 'moved, previewed, exported');
    lib.close();
  }, 60_000);

  it('is the file a fresh export writes through a random run of edits to a 120-note brief (notes renumber past 99)', async () => {
    const built = buildBriefing(dir, { citations: 120, sources: 20, template: 'background-brief' });
    const lib = Library.open(built.path);
    const session = new CitationSession();
    const r = rng(15);
    const section = () => lib.getBriefing(built.briefingId).sections.find((s) => s.items.length)!;
    const items = () => section().items;
    await expectSameAsFresh(lib, built.briefingId, session, 'first');
    for (let step = 0; step < 6; step++) {
      const all = items();
      const op = r();
      if (op < 0.5) lib.moveItem(built.briefingId, all[Math.floor(r() * all.length)].id, Math.floor(r() * all.length));
      else if (op < 0.75) lib.removeItem(built.briefingId, all[Math.floor(r() * all.length)].id);
      else {
        const from = all[Math.floor(r() * all.length)];
        if (from.kind === 'fact') lib.addItems(built.briefingId, [{ kind: 'fact', factId: from.factId }], section().key, 0);
      }
      await expectSameAsFresh(lib, built.briefingId, session, `step ${step}`);
    }
    lib.close();
  }, 120_000);
});
