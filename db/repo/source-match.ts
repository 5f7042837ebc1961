import { stmt } from '../statements';
import type { Source, SourceInput } from '../../core/model';
import type { Db } from '../open';
import { type SourceRow, sourceFromRow } from './rows';

/**
 * The existing source an incoming record describes, if any: same DOI, else same URL, else the
 * same title (ignoring case) with the same issued date. Used so re-imports merge, not duplicate.
 */
export function findMatchingSource(db: Db, input: Pick<SourceInput, 'doi' | 'url' | 'title' | 'issued'>): Source | undefined {
  let row: SourceRow | undefined;
  if (input.doi) row = stmt(db, 'SELECT * FROM sources WHERE lower(doi) = lower(?)').get(input.doi) as SourceRow | undefined;
  if (!row && input.url) row = stmt(db, 'SELECT * FROM sources WHERE url = ?').get(input.url) as SourceRow | undefined;
  if (!row && input.title) {
    row = stmt(db, "SELECT * FROM sources WHERE title = ? COLLATE NOCASE AND coalesce(issued, '') = ? ORDER BY created_at LIMIT 1").get(
      input.title,
      input.issued ?? '',
    ) as SourceRow | undefined;
  }
  return row ? sourceFromRow(row) : undefined;
}
