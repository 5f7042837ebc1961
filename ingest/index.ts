/**
 * What other layers may use of ingest (export reads prose with the capture detectors: an
 * unsourced claim in a briefing is a sentence the capture view would suggest as a fact).
 */
export { splitSentences } from './sentences/index';
export { isQuote, suggestAttribution, suggestEventDate, suggestStatistic, tokenize } from './suggest/index';
