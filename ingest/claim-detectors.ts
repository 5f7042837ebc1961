/**
 * The capture detectors export's pre-flight reads prose with (see ingest/index.ts): loaded
 * only when a briefing has prose to check, since chrono-node and the sentence splitter are a
 * fifth of the code a cold export would otherwise load.
 */
export { splitSentences } from './sentences/index';
export { isQuote, suggestAttribution, suggestEventDate, suggestStatistic } from './suggest/index';
