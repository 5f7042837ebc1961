/**
 * Dossier's citation layer: CSL styles (bundled, repository, user), a citeproc-js engine
 * per briefing that renders notes, Ibid., short forms and bibliographies incrementally,
 * formatted runs for the Word exporter, and Zotero-compatible citation fields.
 */
export {
  CitationEngine,
  type Bibliography,
  type BibliographyEntry,
  type CitationEngineOptions,
  type CiteInput,
  type ClusterInput,
  type ClusterResult,
  type ItemLookup,
  type ViaInput,
} from './engine';
export { htmlToRuns, runsToMarkdown, runsToPlain, decodeEntities, escapeMarkdown, type Run } from './html-runs';
export {
  bundledStyles,
  importUserStyle,
  listStyles,
  loadStyle,
  parentLookup,
  scanUserStyles,
  type BundledStyleEntry,
  type LoadedStyle,
  type StyleClass,
  type StyleInfo,
  type UserStyleScan,
} from './style-catalog';
export type { UserStyleInfo } from './user-style';
export { hasLocale, loadLocale } from './locales';
export { detachedZoteroPayload, itemsDigest, noteInputs, runningVersions, type NoteInputs, type RenderVersions } from './note-inputs';
export { cslLocatorLabel } from './locator-label';
export { repositoryLocales, repositoryStyleIds, repositoryStyleTitle } from './repository-styles';
export { buildZoteroPayload, CSL_CITATION_SCHEMA, runsToRtf, zoteroFieldInstruction, type ZoteroCitationItem, type ZoteroCitationPayload } from './zotero';
