import { stmt } from '../statements';
import { DossierError, invalid, printable } from '../../core/errors';
import { parseMarking, storedText, tryParseMarking } from '../../core/marking-string';
import { BUILT_IN_SCHEMES, customScheme, type MarkingScheme } from '../../core/markings';
import type { Db } from '../open';

export function getSetting(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The library's marking scheme: a built-in one by id, or the user's own list. Default: US. */
export function markingScheme(db: Db): MarkingScheme {
  const id = getSetting(db, 'marking_scheme') ?? 'us';
  if (id === 'custom') return customScheme(getSetting(db, 'marking_custom') ?? 'UNMARKED');
  return BUILT_IN_SCHEMES.find((s) => s.id === id) ?? BUILT_IN_SCHEMES[0];
}

/** Switches scheme; refused while facts carry markings the new scheme does not know. */
export function setMarkingScheme(db: Db, id: string, customList?: string): MarkingScheme {
  return db.transaction(() => {
    let scheme: MarkingScheme;
    if (id === 'custom') {
      scheme = customScheme(customList ?? '');
    } else {
      const found = BUILT_IN_SCHEMES.find((s) => s.id === id);
      if (!found) throw invalid('markings', `unknown scheme "${printable(id)}"; use ${BUILT_IN_SCHEMES.map((s) => s.id).join(', ')} or custom`);
      scheme = found;
    }
    const used = stmt(db, 'SELECT DISTINCT marking FROM facts WHERE marking IS NOT NULL').pluck().all() as string[];
    const unknown = used.filter((m) => !tryParseMarking(scheme, m));
    if (unknown.length) {
      throw new DossierError(
        'conflict',
        `Facts are marked ${unknown.map((u) => `"${u}"`).join(', ')}, which scheme "${scheme.name}" does not have. Nothing changed.`,
      );
    }
    setSetting(db, 'marking_scheme', scheme.id);
    if (scheme.id === 'custom') setSetting(db, 'marking_custom', scheme.levels.map((l) => l.id).join(', '));
    return scheme;
  })();
}

/**
 * Normalises a marking typed by a user to its stored form — the level id and any controls in
 * banner form ("S", "S//NOFORN", "CUI//SP-PRVCY") — or names the problem.
 */
export function normaliseMarking(db: Db, field: string, marking: string): string {
  return storedText(markingScheme(db), parseMarking(markingScheme(db), marking, field));
}

/**
 * The user's own defaults for the first-page marking blocks (Classified By, Controlled by,
 * POC): typed once, used by every briefing that leaves the field empty.
 */
export const MARKING_DEFAULT_FIELDS = ['classifiedBy', 'cuiControlledBy', 'cuiPoc'] as const;
export type MarkingDefaultField = (typeof MARKING_DEFAULT_FIELDS)[number];

export function markingDefaults(db: Db): Partial<Record<MarkingDefaultField, string>> {
  const out: Partial<Record<MarkingDefaultField, string>> = {};
  for (const f of MARKING_DEFAULT_FIELDS) {
    const v = getSetting(db, `marking.${f}`);
    if (v?.trim()) out[f] = v;
  }
  return out;
}

/** Sets (or, with an empty value, clears) one default; an unknown field changes nothing. */
export function setMarkingDefault(db: Db, field: string, value: string): Partial<Record<MarkingDefaultField, string>> {
  if (!(MARKING_DEFAULT_FIELDS as readonly string[]).includes(field))
    throw invalid('field', `"${printable(field)}" is not a marking default; use ${MARKING_DEFAULT_FIELDS.join(', ')}`);
  db.transaction(() => {
    if (value.trim()) setSetting(db, `marking.${field}`, value.trim());
    else stmt(db, 'DELETE FROM settings WHERE key = ?').run(`marking.${field}`);
  })();
  return markingDefaults(db);
}
