import { DossierError, errorCode, invalid } from '../../core/errors';
import type { TeamServer } from './connection';

/** A stored original as the team server keeps it: the file, and its passages' JSON text with that text's hash. */
export interface ServerOriginal {
  sha256: string;
  mediaType: string;
  bytes: Buffer;
  passagesJson: string;
  textSha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A server of schema version 1 has no table of originals: say what to do rather than show
 * PostgreSQL's "relation does not exist" (42P01; 42883 for the upload function).
 */
async function onSchema2<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (['42P01', '42883'].includes(errorCode(e))) {
      throw new DossierError(
        'validation',
        "server: the team server's schema predates stored originals (version 1); a team admin upgrades it with: dossier team init --server URL",
        'server',
      );
    }
    throw e;
  }
}

function checkHashes(shas: readonly string[]): void {
  shas.forEach((h, i) => {
    if (typeof h !== 'string' || !SHA256.test(h)) throw invalid(`sha256[${i}]`, 'must be 64 lower-case hex digits');
  });
}

/**
 * Which of these files the server holds that this user may read (through a link they may see).
 * A file held only behind rows above the user's clearance looks absent: they upload it again,
 * and the server, finding it there, keeps its one copy (and notes that they hold it).
 */
export async function originalsOnServer(s: TeamServer, teamId: string, shas: readonly string[]): Promise<Set<string>> {
  checkHashes(shas);
  if (shas.length === 0) return new Set();
  const r = await onSchema2(() =>
    s.query<{ sha256: string }>('SELECT sha256 FROM dossier.originals WHERE team_id = $1 AND sha256 = ANY($2::text[])', [teamId, [...shas]]),
  );
  return new Set(r.rows.map((x) => x.sha256));
}

/**
 * Uploads one file (its bytes in one parameter: fine to a few hundred MB, the import limit is
 * 200 MB). The server checks both hashes before it keeps anything; true when the file was new
 * to the team, false when it was there already.
 */
export async function uploadOriginal(s: TeamServer, teamId: string, o: ServerOriginal): Promise<boolean> {
  checkHashes([o.sha256]);
  const r = await s.query<{ added: boolean }>('SELECT dossier.store_original($1, $2, $3, $4, $5, $6) AS added', [
    teamId,
    o.sha256,
    o.mediaType,
    o.bytes,
    o.passagesJson,
    o.textSha256,
  ]);
  return r.rows[0]?.added === true;
}

/** The files by these hashes that the user may read, one query each (a file can be large). */
export async function* downloadOriginals(s: TeamServer, teamId: string, shas: readonly string[]): AsyncGenerator<ServerOriginal> {
  checkHashes(shas);
  for (const sha256 of shas) {
    const r = await s.query<{ sha256: string; media_type: string; bytes: Buffer; passages: string; text_sha256: string }>(
      'SELECT sha256, media_type, bytes, passages, text_sha256 FROM dossier.originals WHERE team_id = $1 AND sha256 = $2',
      [teamId, sha256],
    );
    const row = r.rows[0];
    if (row) yield { sha256: row.sha256, mediaType: row.media_type, bytes: row.bytes, passagesJson: row.passages, textSha256: row.text_sha256 };
  }
}

/** Which of these links of the team's originals the user may still see (live ones). */
export async function visibleOriginalLinks(s: TeamServer, teamId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await s.query<{ id: string }>("SELECT id FROM dossier.rows WHERE team_id = $1 AND entity = 'original' AND id = ANY($2::text[]) AND NOT deleted", [
    teamId,
    [...ids],
  ]);
  return new Set(r.rows.map((x) => x.id));
}
