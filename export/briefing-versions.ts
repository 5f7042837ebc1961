import { type VersionDiff, type VersionSide, diffVersions } from '../core/version-diff';
import { EDIT_PAUSE_MS, type VersionNote } from '../core/versions';

export { EDIT_PAUSE_MS };
import { runsToPlain } from '../citations/index';
import type { Library } from '../db/library';
import type { Restored } from '../db/repo/briefing-versions';
import { type AssembleOptions, assembleBriefing } from './assemble';
import type { ResolvedDocument } from './document';

/**
 * Versions need the notes as the citation engine renders them, which the library cannot do
 * itself: this is where a version's notes are rendered, where an editing session's end is
 * noticed, and where a restore and a diff get theirs.
 */

/** Every note and in-text citation of a document, in document order, as plain text. */
export function documentNotes(doc: ResolvedDocument): VersionNote[] {
  const out: VersionNote[] = [];
  for (const s of doc.sections) {
    for (const b of s.blocks) {
      for (const i of b.inlines) {
        if (i.type === 'note') out.push({ clusterId: i.clusterId, number: i.noteNumber, text: runsToPlain(i.runs) });
        else if (i.type === 'cite') out.push({ clusterId: i.clusterId, text: runsToPlain(i.runs) });
      }
    }
  }
  return out;
}

/** The briefing's notes as they render now. */
export function currentNotes(lib: Library, briefingRef: string, opts: AssembleOptions = {}): VersionNote[] {
  return documentNotes(assembleBriefing(lib, briefingRef, opts).doc);
}

export interface EditSessionOptions extends AssembleOptions {
  /** The clock (tests inject one). */
  now?: () => Date;
  pauseMs?: number;
}

/**
 * Notices the end of editing sessions: before a write to a briefing whose previous write is
 * older than the pause, the briefing as it was (the end of the last session) is stored as a
 * version — unless it reads as its latest version already, or is empty.
 */
export class EditSessions {
  /** The last write seen per briefing by this clock; the stored `updated_at` before the first. */
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly lib: Library,
    private readonly opts: EditSessionOptions = {},
  ) {}

  /** Call before a write; returns the version stored, if one was. `assemble` is asked only then. */
  beforeWrite(briefingRef: string, assemble: () => AssembleOptions = () => ({})): number | undefined {
    const now = (this.opts.now?.() ?? new Date()).getTime();
    const b = this.lib.getBriefing(briefingRef);
    const last = Math.max(this.lastWrite.get(b.id) ?? 0, Date.parse(b.updatedAt));
    this.lastWrite.set(b.id, now);
    if (now - last < (this.opts.pauseMs ?? EDIT_PAUSE_MS)) return undefined;
    if (!b.sections.some((s) => s.items.length) || !this.lib.differsFromLatestVersion(b.id)) return undefined;
    const { now: _now, pauseMs: _pause, ...defaults } = this.opts;
    const v = this.lib.storeVersion(b.id, 'edit', currentNotes(this.lib, b.id, { ...defaults, ...assemble() }), { unlessLatest: 'content' });
    return v.stored ? v.number : undefined;
  }

  /** A briefing removed: forget it. */
  forget(briefingId: string): void {
    this.lastWrite.delete(briefingId);
  }
}

/** Restores a version as a new one, its notes rendered before and after (see Library.restoreVersion). */
export function restoreBriefingVersion(lib: Library, briefingRef: string, number: number, opts: AssembleOptions = {}): Restored {
  const id = lib.getBriefing(briefingRef).id;
  // The session's warm engine would be reused across the rewrite; a fresh one is simpler and a restore is rare.
  const { session: _session, ...fresh } = opts;
  return lib.restoreVersion(id, number, () => currentNotes(lib, id, fresh));
}

/** The version (or the briefing as it is now) on one side of a diff. */
export function versionSide(lib: Library, briefingRef: string, number: number | undefined, opts: AssembleOptions = {}): VersionSide {
  if (number !== undefined) return lib.getVersion(briefingRef, number);
  return { content: lib.briefingContent(briefingRef), notes: currentNotes(lib, briefingRef, opts) };
}

/** What changed from version `from` to version `to` (default: the briefing as it is now). */
export function diffBriefingVersions(lib: Library, briefingRef: string, from: number, to?: number, opts: AssembleOptions = {}): VersionDiff {
  return diffVersions(versionSide(lib, briefingRef, from, opts), versionSide(lib, briefingRef, to, opts));
}
