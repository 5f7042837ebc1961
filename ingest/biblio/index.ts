/**
 * Bibliography files in and out: BibTeX/BibLaTeX, RIS and CSL-JSON (Zotero's export) parsed
 * into CSL items, imported as sources in one transaction with duplicates merged, and the
 * library's sources exported as CSL-JSON or BibTeX.
 */
export { parseBibliography } from './parse';
export { importSources } from './merge';
// bench.ts (benchBibtex) is left out on purpose: it builds temporary libraries with the test helpers.
