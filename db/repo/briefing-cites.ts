import { CitationSyntaxError, type ProseSegment, lineColumn, splitCitations } from '../../core/citation-marks';
import { invalid } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { stmt } from '../statements';
import type { Db } from '../open';

/**
 * The citation marks a prose item's text holds, kept as rows beside the text: a fact cited
 * in prose is as undeletable as a placed one, and finding a fact's briefings is one query.
 * The text is the truth; these rows are rewritten from it on every write of the text.
 */

/** In stored prose only a full fact id of a fact in this library is a citation key. */
export function storedKeys(db: Db): { isKey(key: string): boolean } {
  const exists = stmt(db, 'SELECT 1 FROM facts WHERE id = ?').pluck();
  const known = new Map<string, boolean>();
  return {
    isKey(key) {
      let hit = known.get(key);
      if (hit === undefined) known.set(key, (hit = isUuid(key) && exists.get(key) !== undefined));
      return hit;
    },
  };
}

/** Splits stored prose; a citation past the limits is refused naming the field, line and column. */
function splitStoredProse(db: Db, text: string, field: string): ProseSegment[] {
  try {
    return splitCitations(text, storedKeys(db));
  } catch (e) {
    if (e instanceof CitationSyntaxError) {
      const at = lineColumn(text, e.offset);
      throw invalid(field, `line ${at.line}, column ${at.column}: ${e.message}`);
    }
    throw e;
  }
}

/** Rewrites the cite rows of one prose item from its text. */
export function indexProseCites(db: Db, itemId: string, text: string, field: string): void {
  stmt(db, 'DELETE FROM briefing_cites WHERE item_id = ?').run(itemId);
  const add = stmt(db, 'INSERT INTO briefing_cites (item_id, position, fact_id) VALUES (?, ?, ?)');
  let n = 0;
  for (const seg of splitStoredProse(db, text, field)) {
    if (seg.kind === 'cite') for (const c of seg.cluster.cites) add.run(itemId, n++, c.factId);
  }
}

/** Rows naming every use of a fact in a briefing: placed items and prose cites. */
export const FACT_USES_SQL = `
  SELECT s.briefing_id AS briefing_id, i.fact_id AS fact_id FROM briefing_items i
    JOIN briefing_sections s ON s.id = i.section_id WHERE i.fact_id IS NOT NULL
  UNION ALL
  SELECT s.briefing_id, c.fact_id FROM briefing_cites c
    JOIN briefing_items i ON i.id = c.item_id JOIN briefing_sections s ON s.id = i.section_id`;

/** Points every use of one fact at another (source merge folds twin facts together). */
export function repointFact(db: Db, fromId: string, toId: string): void {
  stmt(db, 'UPDATE briefing_items SET fact_id = ? WHERE fact_id = ?').run(toId, fromId);
  const items = stmt(db, 'SELECT DISTINCT item_id FROM briefing_cites WHERE fact_id = ?').pluck().all(fromId) as string[];
  for (const id of items) {
    stmt(db, 'UPDATE briefing_items SET text = replace(text, ?, ?) WHERE id = ?').run(fromId, toId, id);
  }
  stmt(db, 'UPDATE briefing_cites SET fact_id = ? WHERE fact_id = ?').run(toId, fromId);
  stmt(db, 'UPDATE OR IGNORE briefing_fact_seen SET fact_id = ? WHERE fact_id = ?').run(toId, fromId);
}
