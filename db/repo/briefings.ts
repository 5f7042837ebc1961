import { stmt } from '../statements';
import { nowIso } from '../../core/dates';
import { DossierError, invalid, notFound, printable } from '../../core/errors';
import { type HeaderDateRules, normaliseHeaderDates } from '../../core/header-dates';
import { isIdPrefix, newId } from '../../core/ids';
import type { Briefing, BriefingItem, BriefingSection, BriefingSummary, Locator, LocatorLabel } from '../../core/model';
import { briefingInputSchema, briefingItemInputSchema, briefingPatchSchema, proseTextSchema, validate, wordingSchema } from '../../core/validate';
import type { Db } from '../open';
import { FACT_USES_SQL, indexProseCites } from './briefing-cites';
import { changedFactCounts, syncSeen } from './briefing-seen';
import { resolveFactId } from './facts';
import { normaliseMarking } from './settings';

interface BriefingRow {
  id: string;
  title: string;
  template_id: string;
  style_id: string | null;
  note_placement: string | null;
  marking: string | null;
  portion_marks: number;
  derived_from: number;
  fields: string;
  created_at: string;
  updated_at: string;
}

interface ItemRow {
  id: string;
  section_id: string;
  kind: 'prose' | 'fact';
  text: string | null;
  fact_id: string | null;
  locator_label: string | null;
  locator_value: string | null;
  lead: string | null;
  wording: string | null;
  marking: string | null;
}

export interface SectionSeed {
  key: string;
  heading: string;
}

/**
 * Which header fields of a template are dates (see core/header-dates.ts). The template files
 * live in export/, so the caller, who has the template, says; without rules fields are text.
 */
export type DateRulesFor = (templateId: string) => HeaderDateRules;

export function createBriefing(db: Db, input: unknown, sections: readonly SectionSeed[], dates?: DateRulesFor): Briefing {
  const data = validate(briefingInputSchema, input, 'briefing');
  const fields = dates && data.fields ? normaliseHeaderDates(data.fields, dates(data.templateId)) : data.fields;
  return db.transaction(() => {
    const id = newId();
    const now = nowIso();
    stmt(
      db,
      `INSERT INTO briefings (id, title, template_id, style_id, note_placement, marking, portion_marks, derived_from, fields, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      data.title,
      data.templateId,
      data.styleId ?? null,
      data.notePlacement ?? null,
      data.marking ? normaliseMarking(db, 'briefing.marking', data.marking) : null,
      data.portionMarks ? 1 : 0,
      data.derivedFrom ? 1 : 0,
      JSON.stringify(fields ?? {}),
      now,
      now,
    );
    const add = stmt(db, 'INSERT INTO briefing_sections (id, briefing_id, position, key, heading) VALUES (?, ?, ?, ?, ?)');
    sections.forEach((s, i) => add.run(newId(), id, i, s.key, s.heading));
    return getBriefing(db, id);
  })();
}

export function resolveBriefingId(db: Db, idOrTitle: string): string {
  const exact = stmt(db, 'SELECT id FROM briefings WHERE id = ?').pluck().get(idOrTitle) as string | undefined;
  if (exact) return exact;
  const rows = stmt(db, "SELECT id FROM briefings WHERE (? AND id LIKE ? || '%') OR title = ? COLLATE NOCASE LIMIT 2")
    .pluck()
    .all(isIdPrefix(idOrTitle) ? 1 : 0, idOrTitle, idOrTitle) as string[];
  if (rows.length > 1) throw new DossierError('validation', `briefing "${printable(idOrTitle)}" is ambiguous; use its id`, 'briefing');
  if (!rows[0]) throw notFound('Briefing', idOrTitle);
  return rows[0];
}

export function getBriefing(db: Db, idOrTitle: string): Briefing {
  const id = resolveBriefingId(db, idOrTitle);
  const b = stmt(db, 'SELECT * FROM briefings WHERE id = ?').get(id) as BriefingRow;
  const sections = stmt(db, 'SELECT id, key, heading FROM briefing_sections WHERE briefing_id = ? ORDER BY position').all(id) as {
    id: string;
    key: string;
    heading: string;
  }[];
  const items = stmt(
    db,
    `SELECT i.* FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
       WHERE s.briefing_id = ? ORDER BY s.position, i.position`,
  ).all(id) as ItemRow[];
  const bySection = new Map<string, BriefingItem[]>(sections.map((s) => [s.id, []]));
  for (const r of items) bySection.get(r.section_id)!.push(itemFromRow(r));
  const briefing: Briefing = {
    id: b.id,
    title: b.title,
    templateId: b.template_id,
    portionMarks: b.portion_marks === 1,
    derivedFrom: b.derived_from === 1,
    fields: JSON.parse(b.fields) as Record<string, string>,
    sections: sections.map((s): BriefingSection => ({ id: s.id, key: s.key, heading: s.heading, items: bySection.get(s.id)! })),
    createdAt: b.created_at,
    updatedAt: b.updated_at,
  };
  if (b.style_id) briefing.styleId = b.style_id;
  if (b.note_placement) briefing.notePlacement = b.note_placement as Briefing['notePlacement'];
  if (b.marking) briefing.marking = b.marking;
  return briefing;
}

function itemFromRow(r: ItemRow): BriefingItem {
  if (r.kind === 'prose') {
    const prose: BriefingItem = { id: r.id, kind: 'prose', text: r.text ?? '' };
    if (r.marking) prose.marking = r.marking;
    return prose;
  }
  const item: BriefingItem = { id: r.id, kind: 'fact', factId: r.fact_id! };
  if (r.locator_label && r.locator_value) item.locator = { label: r.locator_label as LocatorLabel, value: r.locator_value };
  if (r.lead) item.lead = r.lead;
  if (r.wording) item.wording = r.wording;
  if (r.marking) item.marking = r.marking;
  return item;
}

export function listBriefings(db: Db): BriefingSummary[] {
  const rows = stmt(
    db,
    `WITH uses AS (${FACT_USES_SQL})
       SELECT b.id, b.title, b.template_id AS templateId, b.updated_at AS updatedAt,
         (SELECT count(DISTINCT u.fact_id) FROM uses u WHERE u.briefing_id = b.id) AS factCount,
         (SELECT count(*) FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
          WHERE s.briefing_id = b.id) AS itemCount
       FROM briefings b ORDER BY b.updated_at DESC, b.seq DESC`,
  ).all() as Omit<BriefingSummary, 'changedFacts'>[];
  const changed = changedFactCounts(db);
  return rows.map((r) => ({ ...r, changedFacts: changed.get(r.id) ?? 0 }));
}

export function updateBriefing(db: Db, idOrTitle: string, patch: unknown, dates?: DateRulesFor): Briefing {
  const data = validate(briefingPatchSchema, patch, 'briefing');
  return db.transaction(() => {
    const current = getBriefing(db, idOrTitle);
    const cols: Record<string, unknown> = {};
    if (data.title !== undefined) cols.title = data.title;
    if (data.templateId !== undefined) cols.template_id = data.templateId;
    if (data.styleId !== undefined) cols.style_id = data.styleId || null;
    if (data.notePlacement !== undefined) cols.note_placement = data.notePlacement ?? null;
    if (data.marking !== undefined) cols.marking = data.marking ? normaliseMarking(db, 'briefing.marking', data.marking) : null;
    if (data.portionMarks !== undefined) cols.portion_marks = data.portionMarks ? 1 : 0;
    if (data.derivedFrom !== undefined) cols.derived_from = data.derivedFrom ? 1 : 0;
    if (data.fields !== undefined) {
      // Only the fields being set are read as dates: a stored value the author has not touched is kept as it is.
      const patchFields = dates ? normaliseHeaderDates(data.fields, dates(data.templateId ?? current.templateId)) : data.fields;
      cols.fields = JSON.stringify({ ...current.fields, ...patchFields });
    }
    touch(db, current.id, cols);
    return getBriefing(db, current.id);
  })();
}

/**
 * Stamps the briefing as modified (and sets any columns given): every write calls it. It also
 * records what each newly used fact looked like, the baseline of "changed since you used it".
 */
export function touch(db: Db, briefingId: string, cols: Record<string, unknown> = {}): void {
  const sets = Object.keys(cols).map((c) => `${c} = @${c}`);
  stmt(db, `UPDATE briefings SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id`).run({ ...cols, now: nowIso(), id: briefingId });
  syncSeen(db, briefingId);
}

/** Finds a section by id, key or heading (case-insensitive); defaults to the first one. */
export function resolveSection(db: Db, briefingId: string, section?: string): string {
  const rows = stmt(db, 'SELECT id, key, heading FROM briefing_sections WHERE briefing_id = ? ORDER BY position').all(briefingId) as {
    id: string;
    key: string;
    heading: string;
  }[];
  if (rows.length === 0) throw invalid('section', 'the briefing has no sections');
  if (section === undefined) return rows[0].id;
  const s = section.trim().toLowerCase();
  const hit = rows.find((r) => r.id === section || r.key.toLowerCase() === s || r.heading.toLowerCase() === s);
  if (!hit) throw invalid('section', `no section "${section}"; sections are ${rows.map((r) => r.key).join(', ')}`);
  return hit.id;
}

/** Inserts items into a section at `index` (default: the end), in the given order. */
export function addItems(db: Db, briefingIdOrTitle: string, items: readonly unknown[], section?: string, index?: number): Briefing {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const sectionId = resolveSection(db, briefingId, section);
    const existing = stmt(db, 'SELECT id FROM briefing_items WHERE section_id = ? ORDER BY position').pluck().all(sectionId) as string[];
    const at = index === undefined ? existing.length : clamp(index, 0, existing.length);
    const ids = insertItems(db, sectionId, items, 'items');
    renumber(db, sectionId, [...existing.slice(0, at), ...ids, ...existing.slice(at)]);
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

/** Validates and inserts items into a section (positions set by the caller's renumber); returns their ids in order. */
export function insertItems(db: Db, sectionId: string, items: readonly unknown[], field: string): string[] {
  const ids: string[] = [];
  const insert = stmt(
    db,
    `INSERT INTO briefing_items (id, section_id, position, kind, text, fact_id, locator_label, locator_value, lead, wording, marking)
     VALUES (@id, @section, -1, @kind, @text, @fact, @ll, @lv, @lead, @wording, @marking)`,
  );
  items.forEach((raw, i) => {
    const item = validate(briefingItemInputSchema, raw, `${field}[${i}]`);
    const id = newId();
    ids.push(id);
    insert.run({
      id,
      section: sectionId,
      kind: item.kind,
      text: item.kind === 'prose' ? item.text : null,
      fact: item.kind === 'fact' ? factOrFail(db, item.factId, `${field}[${i}].factId`) : null,
      ll: item.kind === 'fact' ? (item.locator?.label ?? null) : null,
      lv: item.kind === 'fact' ? (item.locator?.value ?? null) : null,
      lead: item.kind === 'fact' ? item.lead || null : null,
      wording: item.kind === 'fact' ? item.wording || null : null,
      marking: item.marking ? normaliseMarking(db, `${field}[${i}].marking`, item.marking) : null,
    });
    if (item.kind === 'prose') indexProseCites(db, id, item.text, `${field}[${i}].text`);
  });
  return ids;
}

function factOrFail(db: Db, id: string, field: string): string {
  try {
    return resolveFactId(db, id);
  } catch (e) {
    if (e instanceof DossierError && e.code === 'not_found') throw invalid(field, `no fact with id "${printable(id)}"`);
    throw e;
  }
}

/** Puts exactly these items, in this order, into the section. */
export function renumber(db: Db, sectionId: string, order: readonly string[]): void {
  const set = stmt(db, 'UPDATE briefing_items SET section_id = ?, position = ? WHERE id = ?');
  order.forEach((id, i) => set.run(sectionId, i, id));
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.trunc(n)));
}

/** Resolves an item by id, id prefix, or 1-based position in document order ("3"). */
function resolveItem(db: Db, briefingId: string, ref: string): { id: string; sectionId: string } {
  const rows = stmt(
    db,
    `SELECT i.id, i.section_id AS sectionId, i.fact_id AS factId FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
       WHERE s.briefing_id = ? ORDER BY s.position, i.position`,
  ).all(briefingId) as { id: string; sectionId: string; factId: string | null }[];
  if (/^\d+$/.test(ref)) {
    const row = rows[Number(ref) - 1];
    if (!row) throw invalid('item', `the briefing has ${rows.length} item(s); there is no item ${ref}`);
    return row;
  }
  const hits = rows.filter((r) => r.id.startsWith(ref) || (r.factId !== null && r.factId.startsWith(ref)));
  if (hits.length === 1 && ref.length >= 6) return hits[0];
  if (hits.length > 1) throw invalid('item', `"${ref}" matches ${hits.length} items; use the item number or id`);
  throw invalid('item', `no item "${ref}" in this briefing`);
}

/** Moves an item to `index` within `section` (default: its own section). */
export function moveItem(db: Db, briefingIdOrTitle: string, itemRef: string, index: number, section?: string): Briefing {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const item = resolveItem(db, briefingId, itemRef);
    const target = section === undefined ? item.sectionId : resolveSection(db, briefingId, section);
    const order = (stmt(db, 'SELECT id FROM briefing_items WHERE section_id = ? ORDER BY position').pluck().all(target) as string[]).filter(
      (id) => id !== item.id,
    );
    order.splice(clamp(index, 0, order.length), 0, item.id);
    renumber(db, target, order);
    if (target !== item.sectionId) {
      const rest = stmt(db, 'SELECT id FROM briefing_items WHERE section_id = ? ORDER BY position').pluck().all(item.sectionId) as string[];
      renumber(db, item.sectionId, rest);
    }
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

export function removeItem(db: Db, briefingIdOrTitle: string, itemRef: string): Briefing {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const item = resolveItem(db, briefingId, itemRef);
    stmt(db, 'DELETE FROM briefing_items WHERE id = ?').run(item.id);
    const rest = stmt(db, 'SELECT id FROM briefing_items WHERE section_id = ? ORDER BY position').pluck().all(item.sectionId) as string[];
    renumber(db, item.sectionId, rest);
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

export interface ItemPatch {
  text?: string;
  lead?: string;
  locator?: Locator | null;
  /** The fact reworded for this briefing; null or "" returns to the library's wording. */
  wording?: string | null;
  /** A raised portion mark; null returns to what the facts require. */
  marking?: string | null;
}

export function updateItem(db: Db, briefingIdOrTitle: string, itemRef: string, patch: ItemPatch): Briefing {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const item = resolveItem(db, briefingId, itemRef);
    const kind = stmt(db, 'SELECT kind FROM briefing_items WHERE id = ?').pluck().get(item.id) as string;
    if (patch.text !== undefined) {
      if (kind !== 'prose') throw invalid('item.text', 'only prose items have text; edit the fact itself');
      const text = validate(proseTextSchema, patch.text, 'item.text');
      stmt(db, 'UPDATE briefing_items SET text = ? WHERE id = ?').run(text, item.id);
      indexProseCites(db, item.id, text, 'item.text');
    }
    if (patch.wording !== undefined) {
      if (kind !== 'fact') throw invalid('item.wording', 'only placed facts can be reworded; edit the text itself');
      const wording = patch.wording === null ? '' : validate(wordingSchema, patch.wording, 'item.wording');
      stmt(db, 'UPDATE briefing_items SET wording = ? WHERE id = ?').run(wording || null, item.id);
    }
    if (patch.marking !== undefined) {
      const marking = patch.marking ? normaliseMarking(db, 'item.marking', patch.marking) : null;
      stmt(db, 'UPDATE briefing_items SET marking = ? WHERE id = ?').run(marking, item.id);
    }
    if (patch.lead !== undefined) stmt(db, 'UPDATE briefing_items SET lead = ? WHERE id = ?').run(patch.lead || null, item.id);
    if (patch.locator !== undefined) {
      stmt(db, 'UPDATE briefing_items SET locator_label = ?, locator_value = ? WHERE id = ?').run(
        patch.locator?.label ?? null,
        patch.locator?.value ?? null,
        item.id,
      );
    }
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

export function removeBriefing(db: Db, idOrTitle: string): void {
  db.transaction(() => {
    const id = resolveBriefingId(db, idOrTitle);
    stmt(db, 'DELETE FROM briefings WHERE id = ?').run(id);
  })();
}
