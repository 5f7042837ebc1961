/**
 * Bibliography files in and out: BibTeX/BibLaTeX, RIS and CSL-JSON (Zotero's export) parsed
 * into CSL items, imported as sources in one transaction with duplicates merged, and the
 * library's sources exported as CSL-JSON or BibTeX.
 */
export { parseBibliography, MAX_BIBLIOGRAPHY_CHARS, type BibliographyFormat, type ParsedBibliography } from './parse';
export type { SkippedEntry } from './split-bibtex';
export { importSources, type ImportSourcesOptions, type ImportSourcesResult, type MergedSource } from './merge';
export { exportBibtex, exportCslJson, exportRis } from './export';
export { cslItemToSourceInput, sourceToExportCsl } from './csl-source';
export { SourceMatcher, doiKey, normaliseTitle, urlKey, type MatchKeys, type MatchRule } from './match';
// bench.ts (benchBibtex) is left out on purpose: it builds temporary libraries with the test helpers.
