import type { SourceWithCount } from '../../../api/contract';
import { shortAuthors } from '../format';

export type SourceSortKey = 'title' | 'author' | 'type' | 'issued' | 'reliability' | 'facts' | 'added';
export interface SourceSort {
  key: SourceSortKey;
  descending: boolean;
}

/** The order a column starts in when first clicked: newest, most facts and best grade first. */
export const FIRST_DIRECTION: Record<SourceSortKey, boolean> = {
  title: false,
  author: false,
  type: false,
  issued: true,
  reliability: false,
  facts: true,
  added: true,
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorts sources for the manager. Missing values (no date, not graded, no author) go last in
 * either direction, so reversing a column never floods the top with empty rows; ties fall back
 * to the title, so the order is stable and predictable.
 */
export function sortSources(list: readonly SourceWithCount[], sort: SourceSort): SourceWithCount[] {
  const dir = sort.descending ? -1 : 1;
  const value = (s: SourceWithCount): string | number | undefined => {
    switch (sort.key) {
      case 'title':
        return s.title;
      case 'author':
        return shortAuthors(s.authors) || undefined;
      case 'type':
        return s.type;
      case 'issued':
        return s.issued;
      case 'reliability':
        return s.reliability;
      case 'facts':
        return s.factCount;
      case 'added':
        return s.createdAt;
    }
  };
  return [...list].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
    } else {
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
      if (c !== 0) return c * dir;
    }
    return collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
  });
}
