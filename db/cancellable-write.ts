import { withCheckpointLater } from './checkpoint-later';
import type { Db } from './open';

/**
 * Runs `work` (synchronous writes, which may use `db.transaction` themselves: those nest as
 * savepoints) in one transaction that commits only if `signal` was not aborted by then.
 *
 * A signal is aborted by a listener (Ctrl+C, a Cancel button), and listeners run only between
 * turns of the event loop — never inside synchronous work. So the loop gets a turn after the
 * work and the signal is checked right before COMMIT: a cancel that came at any time before
 * that rolls everything back. One that comes during the COMMIT itself is seen afterwards, when
 * the write is complete; the caller can tell by `signal.aborted` on a returned result.
 *
 * The transaction stays open across that turn of the loop, so only a connection that nothing
 * else uses meanwhile may do this (the command line's).
 */
export async function commitUnlessCancelled<T>(db: Db, signal: AbortSignal | undefined, work: (between: () => Promise<void>) => T | Promise<T>): Promise<T> {
  await turn();
  signal?.throwIfAborted();
  // A long write may call `between` after each batch: the loop gets a turn and a cancel that
  // came meanwhile rolls back at once, instead of after the last batch.
  const between = async () => {
    await turn();
    signal?.throwIfAborted();
  };
  // IMMEDIATE: take the write lock before reading, as the repositories' own transactions do.
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work(between);
    await turn();
    signal?.throwIfAborted();
    // The log's copy into the file waits for the next turn: the import is answered first.
    withCheckpointLater(db, () => db.exec('COMMIT'));
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** One turn of the event loop, so pending signal listeners run. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
