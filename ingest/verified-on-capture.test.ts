import { describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { captureDocument } from './capture';
import { importText } from './formats/text';

describe('verified on capture', () => {
  it('a fact added by hand or chosen from a read document is verified on its capture date; an unreviewed one is not', () => {
    const t = tempLibrary();
    try {
      const s = t.lib.addSource({ title: 'Port report', type: 'report' });
      const typed = t.lib.addFact({ text: 'Ships left Odesa.', sourceId: s.id });
      expect(typed.verifiedAt).toBe(typed.createdAt);
      const bulk = t.lib.addFact({ text: 'Ships returned.', sourceId: s.id }, { unreviewed: true });
      expect(bulk.verifiedAt).toBeUndefined();
      const given = t.lib.addFact({ text: 'Ships waited.', sourceId: s.id, verifiedAt: '2024-02-01T00:00:00.000Z' });
      expect(given.verifiedAt).toBe('2024-02-01T00:00:00.000Z');

      const doc = importText('Grain moved again on Monday. Prices fell by a tenth.', {});
      const read = captureDocument(t.lib, doc, { source: { title: 'Herald' }, keep: '1' });
      expect(read.facts).toHaveLength(1);
      expect(read.facts[0].verifiedAt?.slice(0, 10)).toBe(read.facts[0].createdAt.slice(0, 10));
      const unread = captureDocument(t.lib, doc, { source: { title: 'Herald 2' }, unreviewed: true });
      expect(unread.facts.map((f) => f.verifiedAt)).toEqual([undefined, undefined]);
      t.lib.close();
      // Reopened from the file: the dates were stored, not computed on read.
      const again = Library.open(t.path);
      expect(again.getFact(read.facts[0].id).verifiedAt).toBe(read.facts[0].verifiedAt);
      expect(again.getFact(bulk.id).verifiedAt).toBeUndefined();
      again.close();
    } finally {
      t.cleanup();
    }
  });
});
