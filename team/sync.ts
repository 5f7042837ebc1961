import { DossierError, invalid, isDossierError } from '../core/errors';
import type { Library } from '../db/library';
import type { TeamLink } from '../db/repo/sync-link';
import type { TeamServer } from './server/index';
import type { Mutation } from '../core/sync-types';
import { counterBehind, currentRows, type Membership, pull, push, type PushResult, SERVER_SCHEMA_VERSION, whoAmI } from './server/index';
import { dropHiddenOriginals, fetchOriginals, uploadOriginals } from './sync-originals';

/** What one sync moved, in numbers (`dossier sync --json`, the app's status line). */
export interface SyncReport {
  pushed: number;
  pulled: number;
  /** Local copies dropped: deleted on the team, or no longer visible to this user. */
  removed: number;
  /** New conflicts from this sync (pushed changes that lost, rows cited here but gone there). */
  conflicts: number;
  /**
   * Changes the server would not take (no write role, above the user's clearance), with the
   * reason: each is kept as a conflict (the local value "mine", the server's "theirs"), or, for
   * a row the server never had, left personal — never dropped.
   */
  refused: { entity: string; id: string; reason: string }[];
  /** Still waiting to go up (changes made while the sync ran). */
  pending: number;
  openConflicts: number;
  /** The user is no longer a member: the team's rows were removed here, their own rows kept. */
  revoked: boolean;
  /** Stored originals' files sent to the server (new to the team) and received from it. */
  uploadedOriginals: number;
  fetchedOriginals: number;
}

export interface SyncOptions {
  /** Mutations per push transaction (default: PUSH_BATCH, or BULK_PUSH_BATCH for a large outbox), rows per pull page. */
  pushBatch?: number;
  pullPage?: number;
  signal?: AbortSignal;
}

/**
 * One sync: push the outbox, then pull what changed since the cursor. Push goes first so the
 * server settles this library's edits before its rows come back; every step is safe to repeat
 * if the process dies part way (the server applies each mutation once, the outbox is acked only
 * after the server committed, applied rows and the cursor are idempotent), so a killed sync is
 * simply run again.
 */
export async function syncOnce(lib: Library, server: TeamServer, options: SyncOptions = {}): Promise<SyncReport> {
  const link = lib.teamLink();
  if (!link) throw invalid('team', 'this library is not linked to a team; link it with: dossier team link URL --team TEAM');
  try {
    return await syncLinked(lib, server, link, options);
  } catch (e) {
    // Kept for the app's status line ("offline since …"); what was already moved stays moved.
    lib.recordSyncError(e instanceof Error ? e.message : String(e));
    throw e;
  }
}

async function syncLinked(lib: Library, server: TeamServer, link: TeamLink, options: SyncOptions): Promise<SyncReport> {
  const report: SyncReport = {
    pushed: 0,
    pulled: 0,
    removed: 0,
    conflicts: 0,
    refused: [],
    pending: 0,
    openConflicts: 0,
    revoked: false,
    uploadedOriginals: 0,
    fetchedOriginals: 0,
  };
  try {
    const me = await whoAmI(server, link.teamName);
    checkSchema(me);
    checkCounter(me, link.cursor);
    // The role may have changed since the last sync: a reader's edits are refused here from now on.
    lib.setTeamRole(me.role);
  } catch (e) {
    if (!(isDossierError(e) && e.code === 'forbidden')) throw e;
    const left = lib.leaveTeam(link.teamId);
    return { ...report, removed: sum(left.removed), revoked: true, openConflicts: lib.listConflicts({ open: true }).length };
  }
  await pushAll(lib, server, link.teamId, report, options);
  await pullAll(lib, server, link.teamId, report, options);
  report.removed += await dropHiddenOriginals(lib, server, link.teamId);
  report.pending = lib.pendingCount();
  report.openConflicts = lib.listConflicts({ open: true }).length;
  return report;
}

/**
 * Day to day a push is tens of changes. A first share is the whole library: larger batches
 * then spend less on each transaction's fixed round trips (membership, earlier results, rows,
 * commit) and on the local acknowledgement's commit; the server writes a batch's rows in one
 * statement either way (server/row-writes.ts).
 */
const PUSH_BATCH = 500;
const BULK_PUSH_BATCH = 2000;

async function pushAll(lib: Library, server: TeamServer, teamId: string, report: SyncReport, options: SyncOptions): Promise<void> {
  const batch = options.pushBatch ?? (lib.pendingCount() > BULK_PUSH_BATCH ? BULK_PUSH_BATCH : PUSH_BATCH);
  const libraryId = lib.syncIdentity();
  // The server takes no push at all from a reader (whoAmI said the role just now): changes
  // queued before the role was lowered are kept as conflicts without asking it.
  const reader = lib.teamRole() === 'reader';
  for (;;) {
    checkAborted(options.signal);
    const mutations = lib.pendingMutations(batch);
    if (mutations.length === 0) return;
    let results: PushResult[];
    if (reader) results = mutations.map((m) => ({ mutationId: m.mutationId, status: 'refused', version: 0, conflicts: [], reason: READER }));
    else {
      // Files first: a link reaches the server only after the bytes it names.
      const originals = await uploadOriginals(lib, server, teamId, mutations);
      report.uploadedOriginals += originals.uploaded;
      results = [...originals.refused, ...(await push(server, teamId, libraryId, originals.sendable))];
    }
    const conflicts = results.flatMap((r) => r.conflicts);
    const refused: Mutation[] = [];
    for (const r of results) {
      const m = mutations.find((x) => x.mutationId === r.mutationId);
      if (r.status !== 'refused') report.pushed++;
      else if (m) {
        refused.push(m);
        report.refused.push({ entity: m.entity, id: m.id, reason: r.reason ?? 'refused by the server' });
      }
    }
    // The team's side of each refused change, read before the transaction (it awaits the server).
    const standing = await currentRows(server, teamId, refused);
    const onServer = (m: Mutation) => standing.find((x) => x.entity === m.entity && x.id === m.id);
    // One transaction: a process killed here either keeps the mutations (the next push gets the
    // same answers, 'duplicate' or 'refused' again) or has the ack, the conflicts and the
    // refused changes kept. The ack goes first so a conflict settles the row at the server's version.
    lib.db.transaction(() => {
      lib.ackMutations(results.map((r) => ({ mutationId: r.mutationId, version: r.version })));
      if (conflicts.length) report.conflicts += lib.recordConflicts(conflicts).length;
      if (refused.length) report.conflicts += lib.keepRefused(refused.map((m) => ({ mutation: m, server: onServer(m) }))).conflicts;
    })();
    if (mutations.length < batch) return;
  }
}

const READER = 'your role in the team is now reader: the change is kept as a conflict, the team’s value shown';

async function pullAll(lib: Library, server: TeamServer, teamId: string, report: SyncReport, options: SyncOptions): Promise<void> {
  const page = options.pullPage ?? 5000;
  checkAborted(options.signal);
  let next = pull(server, teamId, lib.teamLink()?.cursor ?? '', page);
  for (;;) {
    const got = await next;
    checkAborted(options.signal);
    // Files named by this page's links come first: one connection serves the sync, and a
    // query sent while the next page's read is under way would wait behind it anyway.
    const received = await fetchOriginals(lib, server, teamId, got.rows);
    report.fetchedOriginals += received.size;
    // The server reads the next page while this one is applied here (the apply is synchronous,
    // the server is another process): a first pull then takes about the longer of the two, not
    // their sum. The next page starts from this page's cursor; if this apply fails or the
    // process dies, that page is dropped unread and the next sync pulls it again.
    if (got.more) {
      next = pull(server, teamId, got.cursor, page);
      next.catch(() => undefined);
    }
    // The rows and the cursor past them in one transaction: a pull killed here is repeated whole.
    const applied = lib.db.transaction(() => {
      const r = lib.applyRemoteRows(teamId, got.rows, got.gone, received);
      lib.setSyncCursor(got.cursor);
      return r;
    })();
    report.pulled += sum(applied.applied);
    report.removed += sum(applied.removed);
    report.conflicts += applied.kept;
    if (!got.more) return;
    checkAborted(options.signal);
  }
}

/** Before anything moves: a server of another schema version is refused, nothing local changed. */
function checkCounter(me: Membership, cursor: string): void {
  if (!counterBehind(me, cursor)) return;
  throw new DossierError(
    'validation',
    "the team server's transaction counter is behind its own change log: it was restored from a dump without the step in its guide (docs/team-server.md, Backups), and changes made now would be missed; a team admin must fix it before anyone syncs; nothing was synced",
    'server',
  );
}

function checkSchema(me: Membership): void {
  const v = me.schemaVersion;
  if (v > SERVER_SCHEMA_VERSION) {
    throw new DossierError(
      'server_future',
      `the team server's schema is version ${v}, newer than this Dossier knows (${SERVER_SCHEMA_VERSION}): update Dossier; nothing was synced`,
    );
  }
  if (v < SERVER_SCHEMA_VERSION) {
    throw new DossierError(
      'validation',
      `the team server's schema is version ${v}, older than this Dossier needs (${SERVER_SCHEMA_VERSION}): a team admin runs 'dossier team init --server URL' to upgrade it; nothing was synced`,
      'server',
    );
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DossierError('validation', 'sync: cancelled; what was already sent or received is kept');
}
