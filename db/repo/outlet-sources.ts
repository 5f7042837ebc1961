import { stmt } from '../statements';
import type { SourceInput } from '../../core/model';
import type { Db } from '../open';
import { insertSource } from './sources';

/**
 * The sources that stand for news outlets a fact was relayed by ("as cited by Reuters",
 * "told AFP"), for a capture that accepts its suggestions. Call inside the capture's
 * transaction: a source made here is written, or rolled back, with the facts.
 */
export interface OutletSources {
  /** The id of the outlet's source: an existing one with that name, else a new one. */
  idFor(outlet: string): string;
  /** Sources made for outlets the library did not have, in the order made. */
  readonly created: string[];
  /**
   * Removes the sources made here that no fact refers to (every fact relayed by the outlet was
   * a duplicate and was not inserted); call once the facts are in.
   */
  dropUnused(): void;
}

/** Case-folded, compatibility-normalised, whitespace collapsed: "  agence France-Presse" = "Agence France-Presse". */
function outletKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * An existing source is the outlet when its title, publisher or container title is the
 * outlet's name: "Reuters" (made by an earlier capture), or any article "… | Reuters". A
 * title match wins over the others; among equals, the oldest source.
 */
export function outletSources(db: Db): OutletSources {
  let known: Map<string, string> | undefined;
  const created: string[] = [];
  const idFor = (outlet: string): string => {
    known ??= knownOutlets(db);
    const key = outletKey(outlet);
    const found = known.get(key);
    if (found) return found;
    const input: SourceInput = {
      // A news agency or outlet: what it relays is its reporting. The user can fill in the article.
      type: 'article-newspaper',
      title: outlet.replace(/\s+/g, ' ').trim(),
      notes: 'Made when a captured fact was accepted as reported by this outlet; add the report’s details when known.',
    };
    const id = insertSource(db, input).id;
    known.set(key, id);
    created.push(id);
    return id;
  };
  const dropUnused = () => {
    const used = stmt(db, 'SELECT 1 FROM facts WHERE via_source_id = ? LIMIT 1').pluck();
    const unused = created.filter((id) => !used.get(id));
    for (const id of unused) stmt(db, 'DELETE FROM sources WHERE id = ?').run(id);
    created.splice(0, created.length, ...created.filter((id) => !unused.includes(id)));
  };
  return { idFor, created, dropUnused };
}

/**
 * Every outlet name the library's sources carry, mapped to the source that stands for it. One
 * read per capture (a few milliseconds at ten thousand sources) rather than a look-up per fact:
 * the names are compared after normalising, which SQLite's NOCASE (ASCII only) cannot do.
 */
function knownOutlets(db: Db): Map<string, string> {
  const rows = stmt(db, 'SELECT id, title, publisher, container_title FROM sources ORDER BY created_at, seq').all() as {
    id: string;
    title: string;
    publisher: string | null;
    container_title: string | null;
  }[];
  const map = new Map<string, string>();
  for (const r of rows) {
    const key = outletKey(r.title);
    if (!map.has(key)) map.set(key, r.id);
  }
  for (const r of rows) {
    for (const name of [r.publisher, r.container_title]) {
      const key = name ? outletKey(name) : '';
      if (key && !map.has(key)) map.set(key, r.id);
    }
  }
  return map;
}
