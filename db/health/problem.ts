/**
 * What is wrong with a library, one problem per entry, in words a person can act on, and
 * whether `check --repair` can mend it. Only derived data (the search index, SQL indexes,
 * lost free pages) is ever repaired; a problem in the base rows needs a backup.
 */
export interface Problem {
  kind: 'pages' | 'index' | 'search-index' | 'references' | 'unreadable' | 'original';
  message: string;
  /** `rebuild`: derived data that `check --repair` rebuilds; `restore`: needs a backup. */
  remedy: 'rebuild' | 'restore';
}
