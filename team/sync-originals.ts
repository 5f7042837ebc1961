import { DossierError } from '../core/errors';
import { tryParseMarking } from '../core/marking-string';
import type { Mutation, RemoteRow } from '../core/sync-types';
import type { Library } from '../db/library';
import { prepareReceived, type PreparedOriginal } from '../db/originals/codec';
import type { PushResult } from './server/push';
import { highestMarking } from './pack/pack-markings';
import { downloadOriginals, originalsOnServer, uploadOriginal, visibleOriginalLinks } from './server/originals';
import type { TeamServer } from './server/connection';

/**
 * The files behind shared originals (issue 16 §1). The links travel as rows (entity
 * 'original'); the bytes go beside them, by hash, once per team:
 * - before a batch of the outbox goes up, the files its links name that the server does not
 *   show this user are uploaded (the server checks their hashes), so every link finds its file;
 * - before a page of a pull is applied, the files its links name that this library does not
 *   keep are fetched and checked against their hashes; one that does not match refuses the
 *   whole page, so nothing of it is applied and the cursor stays where it was.
 */
export interface UploadOutcome {
  /** The batch without the links whose file is damaged here; those are refused with the reason. */
  sendable: Mutation[];
  refused: PushResult[];
  uploaded: number;
}

export async function uploadOriginals(lib: Library, server: TeamServer, teamId: string, mutations: Mutation[]): Promise<UploadOutcome> {
  const { files, damaged } = lib.originalsToUpload(mutations);
  const there = await originalsOnServer(
    server,
    teamId,
    files.map((f) => f.sha256),
  );
  let uploaded = 0;
  for (const f of files) {
    if (!there.has(f.sha256) && (await uploadOriginal(server, teamId, f))) uploaded++;
  }
  const unsendable = new Set(damaged);
  const isUnsendable = (m: Mutation) => isOriginalUpsert(m) && unsendable.has(fileOf(m));
  const refused: PushResult[] = mutations.filter(isUnsendable).map((m) => ({
    mutationId: m.mutationId,
    status: 'refused',
    version: 0,
    conflicts: [],
    reason: `the stored original ${fileOf(m).slice(0, 12)}… is damaged in this library (see: dossier check), so it was not sent`,
  }));
  const sendable = mutations.filter((m) => !isUnsendable(m)).map((m) => (isOriginalUpsert(m) ? withMarking(lib, m) : m));
  return { sendable, refused, uploaded };
}

/** A link's id is `${source_id}~${sha256}`. */
function fileOf(m: Mutation): string {
  return m.id.slice(m.id.indexOf('~') + 1);
}

function isOriginalUpsert(m: Mutation): boolean {
  return m.entity === 'original' && m.op === 'upsert';
}

/**
 * A file holds everything taken from it: it goes up marked with the highest marking of every
 * fact this library has from its source, shared or not (the server raises it further to what
 * the team's facts say, never lowers it). A marking this scheme cannot read is sent as it is:
 * the server ranks it above every level, and the link is refused rather than under-marked.
 */
function withMarking(lib: Library, m: Mutation): Mutation {
  const sourceId = m.id.slice(0, m.id.indexOf('~'));
  const markings = lib.factMarkingsOfSource(sourceId);
  const scheme = lib.markingScheme();
  const unreadable = markings.find((text) => !tryParseMarking(scheme, text));
  const marking =
    unreadable ??
    highestMarking(
      scheme,
      markings.map((text) => ({ entity: 'fact', id: sourceId, data: { marking: text } })),
    );
  return { ...m, fields: { ...m.fields, marking } };
}

/**
 * Files the user may no longer see (a fact from their source was marked above the user's
 * clearance, by anyone) leave this library. Hidden links do not show in the change log (their
 * ids name the file's hash), so after a pull the team's links kept here are checked, in one
 * query. The file goes with its last link; one this library attached itself stays.
 */
export async function dropHiddenOriginals(lib: Library, server: TeamServer, teamId: string): Promise<number> {
  const ids = lib.teamOriginalIds();
  const visible = await visibleOriginalLinks(server, teamId, ids);
  const gone = ids.filter((id) => !visible.has(id)).map((id) => ({ entity: 'original' as const, id }));
  if (gone.length === 0) return 0;
  return lib.applyRemoteRows(teamId, [], gone).removed.original;
}

/** The files a page of a pull needs, fetched and verified; throws (nothing applied) on a mismatch. */
export async function fetchOriginals(lib: Library, server: TeamServer, teamId: string, rows: readonly RemoteRow[]): Promise<Map<string, PreparedOriginal>> {
  const wanted = lib.missingOriginals(rows);
  const received = new Map<string, PreparedOriginal>();
  for await (const o of downloadOriginals(server, teamId, wanted)) {
    const prepared = prepareReceived(o.bytes, o.mediaType, o.passagesJson);
    if (!prepared || prepared.sha256 !== o.sha256 || prepared.textSha256 !== o.textSha256) throw refusedOnArrival(o.sha256, rows, 'does not match its SHA-256');
    received.set(o.sha256, prepared);
  }
  const absent = wanted.find((sha) => !received.has(sha));
  if (absent) throw refusedOnArrival(absent, rows, 'is not on the team server');
  return received;
}

function refusedOnArrival(sha256: string, rows: readonly RemoteRow[], problem: string): DossierError {
  const link = rows.find((r) => r.entity === 'original' && r.data.sha256 === sha256);
  const name = typeof link?.data.file_name === 'string' ? ` (${link.data.file_name})` : '';
  return new DossierError(
    'validation',
    `original: the team server's copy of the stored original ${sha256}${name} ${problem}; it was refused and nothing from this sync's pull was applied. A team admin can restore it from a backup.`,
    'original',
  );
}
