/**
 * How a Dossier cluster becomes a citeproc citation: every cite checked against the item
 * library, locator labels in CSL's terms, a note's first prefix capitalized, and a cite
 * with `via` expanded into the original and the source it was found in.
 */
import type { CiteprocCitation, CiteprocCiteItem } from './citeproc';
import type { ClusterInput, ItemLookup } from './engine-types';
import { cslLocatorLabel } from './locator-label';

/** citeproc keeps citations in plain objects keyed by id; a prefix keeps ids like "__proto__" harmless. */
export const CITATION_ID_PREFIX = 'k:';

/**
 * A note is a sentence: "see" typed before the first cite of a note starts it with a capital
 * ("See Lindqvist, …"), as pandoc does. Given to citeproc so the Zotero field says the same.
 */
function capitalizeFirst(prefix: string): string {
  return prefix.replace(/^(\s*)(\p{Ll})/u, (_m, space: string, ch: string) => space + ch.toUpperCase());
}

/** citeproc sets a prefix off with a space only after a letter or stop: "cf. 🌾Lee" otherwise. */
function spaced(prefix: string): string {
  return /\s$/.test(prefix) ? prefix : `${prefix} `;
}

export class CitationBuilder {
  constructor(
    readonly isNoteStyle: boolean,
    private readonly viaPhrase: string,
    private readonly lookup: ItemLookup,
  ) {}

  /** citeproc's noteIndex for the cluster at `index`: its footnote number, 0 in in-text styles. */
  noteIndex(index: number): number {
    return this.isNoteStyle ? index + 1 : 0;
  }

  private checkItem(clusterId: string, itemId: string): void {
    if (typeof itemId !== 'string' || !itemId || !this.lookup(itemId)) {
      throw new Error(`cluster "${clusterId}": unknown item "${String(itemId)}"`);
    }
  }

  /**
   * A Dossier cluster as a citeproc citation. A cite with `via` becomes two cites: the
   * original, then the source it was found in, prefixed ", quoted in ". citeproc drops
   * the cluster delimiter ("; ") before a cite prefix that starts with a comma, giving
   * "Original, 12, quoted in Source, 45." in one note; the cluster is marked unsorted so
   * author-date styles cannot reorder the pair.
   */
  toCitation(input: ClusterInput, index: number): CiteprocCitation {
    if (!input || typeof input.id !== 'string' || !input.id) throw new Error('cluster without an id');
    if (!Array.isArray(input.cites) || input.cites.length === 0) throw new Error(`cluster "${input.id}" has no cites`);
    const citationItems: CiteprocCiteItem[] = [];
    let hasVia = false;
    for (const cite of input.cites) {
      this.checkItem(input.id, cite.itemId);
      const original: CiteprocCiteItem = { id: cite.itemId };
      if (cite.locator) original.locator = cite.locator;
      if (cite.label) original.label = cslLocatorLabel(cite.label);
      if (cite.prefix) original.prefix = spaced(citationItems.length === 0 && this.isNoteStyle ? capitalizeFirst(cite.prefix) : cite.prefix);
      if (cite.suffix) original.suffix = cite.suffix;
      if (cite.suppressAuthor) original['suppress-author'] = true;
      citationItems.push(original);
      if (cite.via && cite.via.itemId !== cite.itemId) {
        this.checkItem(input.id, cite.via.itemId);
        hasVia = true;
        const secondary: CiteprocCiteItem = { id: cite.via.itemId };
        if (cite.via.locator) secondary.locator = cite.via.locator;
        if (cite.via.label) secondary.label = cslLocatorLabel(cite.via.label);
        if (original.suffix) {
          // citeproc reduces the delimiter to a space after a suffix ending in a comma
          original.suffix = `${original.suffix.replace(/[\s,;]+$/, '')},`;
          secondary.prefix = `${this.viaPhrase} `;
        } else {
          secondary.prefix = `, ${this.viaPhrase} `;
        }
        citationItems.push(secondary);
      }
    }
    return {
      citationID: CITATION_ID_PREFIX + input.id,
      citationItems,
      properties: { noteIndex: this.noteIndex(index), ...(hasVia ? { unsorted: true } : {}) },
    };
  }
}
