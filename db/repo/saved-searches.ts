import { invalid } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Db } from '../open';
import type { FactQuery } from './search';
import { getSetting, setSetting } from './settings';

/**
 * Saved searches live in the library, so the command line (`dossier facts --saved NAME`) and a
 * second machine opening the same file see them. They are a handful of small records read and
 * written whole, so they are one JSON list under one key of the existing `settings` table
 * rather than a table of their own: no migration, and an older Dossier ignores the key.
 */
const KEY = 'saved_searches';

export interface SavedSearch {
  id: string;
  name: string;
  /** The search as the library runs it (no paging). */
  query: Omit<FactQuery, 'limit' | 'offset' | 'prefixLast'>;
}

export function listSavedSearches(db: Db): SavedSearch[] {
  const raw = getSetting(db, KEY);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? list.filter((s: unknown): s is SavedSearch => isSavedSearch(s)) : [];
  } catch {
    return []; // a damaged value loses the saved searches, never the library
  }
}

/** Finds one by name (any case) or id. */
export function findSavedSearch(db: Db, nameOrId: string): SavedSearch {
  const key = nameOrId.trim().toLowerCase();
  const found = listSavedSearches(db).find((s) => s.id === nameOrId || s.name.toLowerCase() === key);
  if (!found) {
    const names = listSavedSearches(db).map((s) => `"${s.name}"`);
    throw invalid('saved', `no saved search "${nameOrId}"${names.length ? `; saved: ${names.join(', ')}` : '; none are saved (see: dossier searches save)'}`);
  }
  return found;
}

/** Saves (or replaces, by name) a search; returns it. */
export function saveSearch(db: Db, name: string, query: SavedSearch['query'], id?: string): SavedSearch {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('name', 'a saved search needs a name');
  return db.transaction(() => {
    const list = listSavedSearches(db);
    const old = list.find((s) => s.name.toLowerCase() === trimmed.toLowerCase() || s.id === id);
    // A random id: a clock-based one collided for two saves in the same millisecond (a tag rename re-saves several).
    const saved: SavedSearch = { id: old?.id ?? id ?? newId(), name: trimmed, query };
    setSetting(db, KEY, JSON.stringify(old ? list.map((s) => (s === old ? saved : s)) : [...list, saved]));
    return saved;
  })();
}

export function removeSavedSearch(db: Db, nameOrId: string): SavedSearch {
  return db.transaction(() => {
    const gone = findSavedSearch(db, nameOrId);
    setSetting(db, KEY, JSON.stringify(listSavedSearches(db).filter((s) => s.id !== gone.id)));
    return gone;
  })();
}

/** Tag names compare as SQLite's NOCASE does (ASCII letters only), as the tags table does. */
const tagKey = (name: string) => name.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A tag renamed, or merged into another, is followed by every saved search that filters by it,
 * so the search still finds the same facts (after a merge, a search for both tags filters by
 * the one left). The caller runs this in the rename's own transaction: the tag and the searches
 * change together or not at all. Returns the searches changed.
 */
export function renameTagInSavedSearches(db: Db, from: string, to: string): SavedSearch[] {
  const changed: SavedSearch[] = [];
  const list = listSavedSearches(db).map((s) => {
    const tags = s.query.tags;
    if (!tags?.some((t) => tagKey(t) === tagKey(from))) return s;
    const renamed: string[] = [];
    for (const t of tags) {
      const name = tagKey(t) === tagKey(from) ? to : t;
      if (!renamed.some((r) => tagKey(r) === tagKey(name))) renamed.push(name);
    }
    const updated: SavedSearch = { ...s, query: { ...s.query, tags: renamed } };
    changed.push(updated);
    return updated;
  });
  if (changed.length) setSetting(db, KEY, JSON.stringify(list));
  return changed;
}

function isSavedSearch(s: unknown): s is SavedSearch {
  const o = s as Partial<Record<keyof SavedSearch, unknown>> | null;
  return !!o && typeof o === 'object' && typeof o.name === 'string' && typeof o.id === 'string' && typeof o.query === 'object';
}
