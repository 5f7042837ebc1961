import { nowIso } from '../../core/dates';
import { DossierError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { BriefingItem } from '../../core/model';
import {
  type BriefingVersion,
  type ExportRecord,
  type VersionContent,
  type VersionNote,
  type VersionReason,
  type VersionSummary,
  factsUsed,
  summarise,
  versionContent,
} from '../../core/versions';
import { stmt } from '../statements';
import type { Db } from '../open';
import { indexProseCites } from './briefing-cites';
import { getBriefing, resolveBriefingId, touch } from './briefings';
import { normaliseMarking } from './settings';

/**
 * Stored versions of a briefing (table `briefing_versions`) and the files exported from them
 * (`briefing_exports`). Rendering the notes is the export layer's work: every function here
 * that stores a version takes the note texts, or a function giving them, from its caller.
 */

interface VersionRow {
  number: number;
  reason: VersionReason;
  content: string;
  notes: string;
  created_at: string;
}

/** The briefing as it is now, as a version's content (placed facts' texts from the library). */
export function currentContent(db: Db, briefingRef: string): VersionContent {
  const b = getBriefing(db, briefingRef);
  const text = stmt(db, 'SELECT text FROM facts WHERE id = ?').pluck();
  return versionContent(b, (id) => (text.get(id) as string | undefined) ?? '');
}

function latestRow(db: Db, briefingId: string): VersionRow | undefined {
  return stmt(db, 'SELECT number, reason, content, notes, created_at FROM briefing_versions WHERE briefing_id = ? ORDER BY number DESC LIMIT 1').get(
    briefingId,
  ) as VersionRow | undefined;
}

export interface StoreOptions {
  /**
   * When the latest version is the same, store nothing and return it: `content` compares the
   * content only (an editing session), `all` (the default) the notes too (an export must point
   * at a version whose notes are the file's).
   */
  unlessLatest?: 'content' | 'all';
}

export interface Stored {
  number: number;
  /** False when an equal latest version was reused. */
  stored: boolean;
}

/** Stores a version of the given content (default: the briefing as it is now). */
export function storeVersion(
  db: Db,
  briefingRef: string,
  reason: VersionReason,
  notes: readonly VersionNote[],
  opts: StoreOptions & { content?: VersionContent } = {},
): Stored {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingRef);
    return insertVersion(db, briefingId, reason, opts.content ?? currentContent(db, briefingId), notes, opts);
  })();
}

function insertVersion(db: Db, briefingId: string, reason: VersionReason, content: VersionContent, notes: readonly VersionNote[], opts: StoreOptions): Stored {
  const json = JSON.stringify(content);
  const notesJson = JSON.stringify(notes);
  // Compared by SQLite, not read back: a 2,000-note briefing's latest version is half a
  // megabyte of JSON to decode for every export.
  const latest = stmt(
    db,
    'SELECT number, content = ? AS sameContent, notes = ? AS sameNotes FROM briefing_versions WHERE briefing_id = ? ORDER BY number DESC LIMIT 1',
  ).get(json, notesJson, briefingId) as { number: number; sameContent: number; sameNotes: number } | undefined;
  const unless = opts.unlessLatest ?? 'all';
  if (latest && latest.sameContent === 1 && (unless === 'content' || latest.sameNotes === 1)) return { number: latest.number, stored: false };
  const number = (latest?.number ?? 0) + 1;
  stmt(db, 'INSERT INTO briefing_versions (id, briefing_id, number, reason, content, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    newId(),
    briefingId,
    number,
    reason,
    json,
    notesJson,
    nowIso(),
  );
  return { number, stored: true };
}

/** Whether the briefing now differs from its latest version (true when it has none). */
export function differsFromLatest(db: Db, briefingRef: string): boolean {
  const briefingId = resolveBriefingId(db, briefingRef);
  return latestRow(db, briefingId)?.content !== JSON.stringify(currentContent(db, briefingId));
}

export function listVersions(db: Db, briefingRef: string): VersionSummary[] {
  const briefingId = resolveBriefingId(db, briefingRef);
  const rows = stmt(db, 'SELECT number, reason, content, notes, created_at FROM briefing_versions WHERE briefing_id = ? ORDER BY number').all(
    briefingId,
  ) as VersionRow[];
  const exports = exportsByVersion(db, briefingId);
  return rows.map((r) => summaryOf(r, exports.get(r.number) ?? []));
}

function summaryOf(r: VersionRow, exports: ExportRecord[]): VersionSummary {
  const content = JSON.parse(r.content) as VersionContent;
  const notes = JSON.parse(r.notes) as VersionNote[];
  return { number: r.number, reason: r.reason, createdAt: r.created_at, ...summarise(content, notes), exports };
}

export function getVersion(db: Db, briefingRef: string, number: number): BriefingVersion {
  const briefingId = resolveBriefingId(db, briefingRef);
  const r = stmt(db, 'SELECT number, reason, content, notes, created_at FROM briefing_versions WHERE briefing_id = ? AND number = ?').get(
    briefingId,
    number,
  ) as VersionRow | undefined;
  if (!r) throw notFound('Version', String(number));
  return {
    briefingId,
    ...summaryOf(r, exportsByVersion(db, briefingId).get(r.number) ?? []),
    content: JSON.parse(r.content) as VersionContent,
    notes: JSON.parse(r.notes) as VersionNote[],
  };
}

function exportsByVersion(db: Db, briefingId: string): Map<number, ExportRecord[]> {
  const rows = stmt(db, 'SELECT version, format, path, sha256, created_at AS createdAt FROM briefing_exports WHERE briefing_id = ? ORDER BY seq').all(
    briefingId,
  ) as ExportRecord[];
  const out = new Map<number, ExportRecord[]>();
  for (const r of rows) out.set(r.version, [...(out.get(r.version) ?? []), r]);
  return out;
}

export interface ExportInput {
  /** The briefing as it was assembled for the file (not as it may be by the time it is written). */
  content: VersionContent;
  notes: readonly VersionNote[];
  format: string;
  path: string;
  sha256: string;
}

/** Records a written file: its version (the latest, when it is the same) and the file's hash. */
export function recordExport(db: Db, briefingRef: string, input: ExportInput): Stored {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingRef);
    const v = insertVersion(db, briefingId, 'export', input.content, input.notes, { unlessLatest: 'all' });
    stmt(db, 'INSERT INTO briefing_exports (briefing_id, version, format, path, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      briefingId,
      v.number,
      input.format,
      input.path,
      input.sha256,
      nowIso(),
    );
    return v;
  })();
}

export interface Restored {
  /** The version that was restored. */
  from: number;
  /** The new version holding the restored content (the latest, when nothing changed). */
  number: number;
  /** The version holding the briefing as it was before the restore (stored now unless the latest was it). */
  previous: number;
  /** False when the briefing already read as that version: nothing was rewritten into a new version. */
  changed: boolean;
}

/**
 * Puts a version's sections, items and settings back, as a new version (reason `restore`),
 * in one transaction. The state it replaces is kept as a version first, so a restore can be
 * undone by restoring that. A fact the old version uses that is no longer in the library is
 * refused by name, and nothing changes. `notes` renders the briefing's notes as it is when
 * called (inside the transaction: before the rewrite, then after it).
 */
export function restoreVersion(db: Db, briefingRef: string, number: number, notes: () => VersionNote[]): Restored {
  return db.transaction((): Restored => {
    const briefingId = resolveBriefingId(db, briefingRef);
    const version = getVersion(db, briefingId, number);
    assertFactsExist(db, version);
    const before = insertVersion(db, briefingId, 'edit', currentContent(db, briefingId), notes(), { unlessLatest: 'content' });
    rewrite(db, briefingId, version.content);
    const after = insertVersion(db, briefingId, 'restore', currentContent(db, briefingId), notes(), { unlessLatest: 'content' });
    return { from: number, number: after.number, previous: before.number, changed: after.stored };
  })();
}

function assertFactsExist(db: Db, version: BriefingVersion): void {
  const exists = stmt(db, 'SELECT 1 FROM facts WHERE id = ?').pluck();
  const gone = factsUsed(version.content).filter((id) => exists.get(id) === undefined);
  if (!gone.length) return;
  const named = gone.slice(0, 5).map((id) => {
    const text = version.content.factTexts[id];
    return text ? `${id} ("${text.length > 60 ? `${text.slice(0, 59)}…` : text}")` : id;
  });
  const more = gone.length > 5 ? ` and ${gone.length - 5} more` : '';
  throw new DossierError(
    'conflict',
    `version ${version.number} uses ${gone.length === 1 ? 'a fact' : `${gone.length} facts`} no longer in the library: ${named.join(', ')}${more}; nothing was restored`,
    'version',
  );
}

/** Replaces the briefing's settings, sections and items with the content's, keeping their ids. */
function rewrite(db: Db, briefingId: string, c: VersionContent): void {
  stmt(db, 'DELETE FROM briefing_sections WHERE briefing_id = ?').run(briefingId);
  const taken = (table: 'briefing_sections' | 'briefing_items', id: string) => stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`).pluck().get(id) !== undefined;
  const addSection = stmt(db, 'INSERT INTO briefing_sections (id, briefing_id, position, key, heading) VALUES (?, ?, ?, ?, ?)');
  const addItem = stmt(
    db,
    `INSERT INTO briefing_items (id, section_id, position, kind, text, fact_id, locator_label, locator_value, lead, wording, marking)
     VALUES (@id, @section, @position, @kind, @text, @fact, @ll, @lv, @lead, @wording, @marking)`,
  );
  c.sections.forEach((s, si) => {
    // Ids are kept so the editor and the notes' cluster ids still match; a clash gets a new one.
    const sectionId = taken('briefing_sections', s.id) ? newId() : s.id;
    addSection.run(sectionId, briefingId, si, s.key, s.heading);
    s.items.forEach((item: BriefingItem, ii) => {
      const id = taken('briefing_items', item.id) ? newId() : item.id;
      const field = `version.sections[${si}].items[${ii}]`;
      addItem.run({
        id,
        section: sectionId,
        position: ii,
        kind: item.kind,
        text: item.kind === 'prose' ? item.text : null,
        fact: item.kind === 'fact' ? item.factId : null,
        ll: item.kind === 'fact' ? (item.locator?.label ?? null) : null,
        lv: item.kind === 'fact' ? (item.locator?.value ?? null) : null,
        lead: item.kind === 'fact' ? item.lead || null : null,
        wording: item.kind === 'fact' ? item.wording || null : null,
        marking: item.marking ? normaliseMarking(db, `${field}.marking`, item.marking) : null,
      });
      if (item.kind === 'prose') indexProseCites(db, id, item.text, `${field}.text`);
    });
  });
  touch(db, briefingId, {
    title: c.title,
    template_id: c.templateId,
    style_id: c.styleId ?? null,
    note_placement: c.notePlacement ?? null,
    marking: c.marking ? normaliseMarking(db, 'version.marking', c.marking) : null,
    portion_marks: c.portionMarks ? 1 : 0,
    derived_from: c.derivedFrom ? 1 : 0,
    fields: JSON.stringify(c.fields),
  });
}

/** Files exported from the briefing, newest first. */
export function listExports(db: Db, briefingRef: string): ExportRecord[] {
  const briefingId = resolveBriefingId(db, briefingRef);
  return stmt(db, 'SELECT version, format, path, sha256, created_at AS createdAt FROM briefing_exports WHERE briefing_id = ? ORDER BY seq DESC').all(
    briefingId,
  ) as ExportRecord[];
}
