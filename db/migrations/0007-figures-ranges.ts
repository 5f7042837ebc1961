import type { Migration } from './migration';

/**
 * What an accepted suggestion says, stored with the fact (issue 13 §2):
 * - `figure_stated`, `figure_value`, `figure_unit`: a statistic's figure as the source states
 *   it ("3.2 bn"), and the number and unit read from it, so figures can be listed, filtered
 *   and checked; before, only the kind "statistic" was kept.
 * - `event_date_end`: the end of an event-date range ("late December and early January"),
 *   `event_date` being its start. Never without a start, never before it (checked on input;
 *   the CHECK only guards the first, as partial dates compare by their widest reading).
 *
 * Older facts have none of these: nothing to carry.
 */
export const figuresRanges: Migration = {
  version: 7,
  name: 'figures-ranges',
  up(db) {
    db.exec(`
      ALTER TABLE facts ADD COLUMN figure_stated TEXT CHECK (figure_stated IS NULL OR length(trim(figure_stated)) > 0);
      ALTER TABLE facts ADD COLUMN figure_value REAL CHECK (figure_value IS NULL OR figure_stated IS NOT NULL);
      ALTER TABLE facts ADD COLUMN figure_unit TEXT CHECK (figure_unit IS NULL OR figure_stated IS NOT NULL);
      ALTER TABLE facts ADD COLUMN event_date_end TEXT CHECK (event_date_end IS NULL OR event_date IS NOT NULL);
      CREATE INDEX facts_figure ON facts(seq) WHERE figure_stated IS NOT NULL;
      CREATE INDEX facts_event_date_end ON facts(event_date_end) WHERE event_date_end IS NOT NULL;
    `);
  },
};
