import { readHeaderDate } from '../../core/header-dates';
import type { Migration } from './migration';

/**
 * Header dates stored as dates (issue 12): the memo date, the decide-by date and a sitrep's
 * "as of" were free text, printed as typed. Now they are YYYY-MM-DD, printed in the template's
 * locale. Values that read as one day are converted; the rest (a typo, "0800Z Monday", a
 * numeric "3/4/2024" that is March 4 in the US and 3 April in Britain) are kept as the author
 * wrote them — export prints them as typed and pre-flight names the field to fix.
 *
 * The built-in templates' date keys are the only ones known here: a user template's own date
 * fields are read when next saved.
 */
const DATE_KEYS = ['date', 'decideBy', 'asOf'] as const;

export const headerDates: Migration = {
  version: 5,
  name: 'header-dates',
  up(db) {
    const rows = db.prepare('SELECT id, fields FROM briefings').all() as { id: string; fields: string }[];
    const update = db.prepare('UPDATE briefings SET fields = ? WHERE id = ?');
    for (const row of rows) {
      const fields = JSON.parse(row.fields) as Record<string, unknown>;
      let changed = false;
      for (const key of DATE_KEYS) {
        const value = fields[key];
        if (typeof value !== 'string' || !value.trim()) continue;
        const iso = readHeaderDate(value, 'en-US', { numeric: 'unambiguous' });
        if (iso && iso !== value) {
          fields[key] = iso;
          changed = true;
        }
      }
      if (changed) update.run(JSON.stringify(fields), row.id);
    }
  },
};
