import { stmt } from '../statements';
import { DossierError, invalid } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Briefing } from '../../core/model';
import { briefingSectionInputSchema, briefingSectionPatchSchema, validate } from '../../core/validate';
import type { Db } from '../open';
import { clamp, getBriefing, insertItems, renumber, resolveBriefingId, resolveSection, touch } from './briefings';

/**
 * The sections of one briefing beyond what the template seeded: the analyst adds sections of
 * their own, renames and removes them, and puts all sections in the order they want. What the
 * template demands comes in as `SectionRules` (the repository does not read templates): its
 * sections keep the template's headings, and the ones it requires cannot be removed.
 */
export interface SectionRules {
  /** Keys of the template's sections: their headings are the template's. */
  templateKeys?: readonly string[];
  /** Keys of the sections the template requires. */
  requiredKeys?: readonly string[];
}

interface SectionRow {
  id: string;
  key: string;
  heading: string;
}

function sectionRows(db: Db, briefingId: string): SectionRow[] {
  return stmt(db, 'SELECT id, key, heading FROM briefing_sections WHERE briefing_id = ? ORDER BY position').all(briefingId) as SectionRow[];
}

function renumberSections(db: Db, order: readonly string[]): void {
  const set = stmt(db, 'UPDATE briefing_sections SET position = ? WHERE id = ?');
  order.forEach((id, i) => set.run(i, id));
}

function assertHeadingFree(rows: readonly SectionRow[], heading: string, except?: string): void {
  const clash = rows.find((r) => r.id !== except && r.heading.toLowerCase() === heading.toLowerCase());
  if (clash) throw invalid('section.heading', `the briefing already has a section called "${clash.heading}"`);
}

/**
 * Adds a section at `index` (default: the end). Without a key it is the analyst's own section
 * (key "custom-…"); with one — a removed template section being put back — the key must be free.
 * `items`, when given, are inserted in the same transaction (undoing a section's removal).
 */
export function addSection(db: Db, briefingIdOrTitle: string, input: unknown, index?: number): Briefing {
  const data = validate(briefingSectionInputSchema, input, 'section');
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const rows = sectionRows(db, briefingId);
    assertHeadingFree(rows, data.heading);
    const id = newId();
    const key = data.key ?? `custom-${id.slice(0, 8)}`;
    if (rows.some((r) => r.key.toLowerCase() === key.toLowerCase())) throw invalid('section.key', `the briefing already has a section with the key "${key}"`);
    stmt(db, 'INSERT INTO briefing_sections (id, briefing_id, position, key, heading) VALUES (?, ?, -1, ?, ?)').run(id, briefingId, key, data.heading);
    const order = rows.map((r) => r.id);
    order.splice(index === undefined ? order.length : clamp(index, 0, order.length), 0, id);
    renumberSections(db, order);
    if (data.items?.length) renumber(db, id, insertItems(db, id, data.items, 'section.items'));
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

/** Renames one of the analyst's own sections. */
export function renameSection(db: Db, briefingIdOrTitle: string, sectionRef: string, patch: unknown, rules: SectionRules = {}): Briefing {
  const data = validate(briefingSectionPatchSchema, patch, 'section');
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const rows = sectionRows(db, briefingId);
    const row = rows.find((r) => r.id === resolveSection(db, briefingId, sectionRef))!;
    if (rules.templateKeys?.includes(row.key))
      throw invalid('section.heading', `"${row.heading}" is a template section and keeps the template's heading; add a section of your own instead`);
    assertHeadingFree(rows, data.heading, row.id);
    stmt(db, 'UPDATE briefing_sections SET heading = ? WHERE id = ?').run(data.heading, row.id);
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

/** Moves a section to `index` among the briefing's sections; its items go with it. */
export function moveSection(db: Db, briefingIdOrTitle: string, sectionRef: string, index: number): Briefing {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const id = resolveSection(db, briefingId, sectionRef);
    const order = sectionRows(db, briefingId)
      .map((r) => r.id)
      .filter((r) => r !== id);
    order.splice(clamp(index, 0, order.length), 0, id);
    renumberSections(db, order);
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}

/**
 * Removes a section. A section the template requires stays; one that still holds items goes
 * only with `discardItems` (the app asks first, naming how many), so nothing is lost by accident.
 */
export function removeSection(
  db: Db,
  briefingIdOrTitle: string,
  sectionRef: string,
  opts: { discardItems?: boolean } = {},
  rules: SectionRules = {},
): Briefing {
  return db.transaction(() => {
    const briefingId = resolveBriefingId(db, briefingIdOrTitle);
    const rows = sectionRows(db, briefingId);
    const row = rows.find((r) => r.id === resolveSection(db, briefingId, sectionRef))!;
    if (rules.requiredKeys?.includes(row.key)) throw invalid('section', `"${row.heading}" is required by the template and cannot be removed`);
    if (rows.length === 1) throw invalid('section', 'a briefing keeps at least one section');
    const items = stmt(db, 'SELECT count(*) FROM briefing_items WHERE section_id = ?').pluck().get(row.id) as number;
    if (items > 0 && !opts.discardItems) {
      throw new DossierError(
        'conflict',
        `section "${row.heading}" still holds ${items} item${items === 1 ? '' : 's'}; remove them too (discardItems) or move them first`,
        'section',
      );
    }
    stmt(db, 'DELETE FROM briefing_sections WHERE id = ?').run(row.id); // items cascade
    renumberSections(
      db,
      rows.filter((r) => r.id !== row.id).map((r) => r.id),
    );
    touch(db, briefingId);
    return getBriefing(db, briefingId);
  })();
}
