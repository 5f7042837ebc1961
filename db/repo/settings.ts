import { stmt } from '../statements';
import { DossierError, invalid, printable } from '../../core/errors';
import { BUILT_IN_SCHEMES, customScheme, findLevel, type MarkingScheme } from '../../core/markings';
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
  return BUILT_IN_SCHEMES.find((s) => s.id === id) ?? BUILT_IN_SCHEMES[0]!;
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
    const unknown = used.filter((m) => !findLevel(scheme, m));
    if (unknown.length) {
      throw new DossierError('conflict', `Facts are marked ${unknown.map((u) => `"${u}"`).join(', ')}, which scheme "${scheme.name}" does not have. Nothing changed.`);
    }
    setSetting(db, 'marking_scheme', scheme.id);
    if (scheme.id === 'custom') setSetting(db, 'marking_custom', scheme.levels.map((l) => l.id).join(', '));
    return scheme;
  })();
}

/** Normalises a marking typed by a user to the scheme's level id, or names the problem. */
export function normaliseMarking(db: Db, field: string, marking: string): string {
  const scheme = markingScheme(db);
  const level = findLevel(scheme, marking);
  if (!level) throw invalid(field, `"${marking}" is not a marking of scheme "${scheme.name}" (${scheme.levels.map((l) => l.id).join(', ')})`);
  return level.id;
}
