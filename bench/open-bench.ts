import { Library } from '../db/library';
import { percentile } from './random';

/**
 * What opening costs a command: with no journal beside the library, and with one (the app has
 * the library open, or it crashed), when the journal guard reads the view through the journal
 * (quick_check) and the file alone (to compare the library's id) before anything may write.
 */
export function benchOpen(lib: Library, runs = 5): { withJournalMs: number; withoutJournalMs: number } {
  const time = () => {
    const t = performance.now();
    Library.open(lib.path, { readonly: true }).close();
    return performance.now() - t;
  };
  lib.db.prepare("INSERT INTO settings (key, value) VALUES ('bench_open', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(Date.now()));
  const withJournal = Array.from({ length: runs }, time);
  lib.close();
  const withoutJournal = Array.from({ length: runs }, time);
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  return { withJournalMs: median(withJournal), withoutJournalMs: median(withoutJournal) };
}
