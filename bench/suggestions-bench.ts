import { performance } from 'node:perf_hooks';
import { formatScoreTable, LABELLED, scoreSuggestions } from '../ingest/suggest/score';

/**
 * Issue 13 §2: how often a suggestion (speaker, role, outlet, event date, figure) is one an
 * analyst accepts without editing, over the labelled sentences in
 * ingest/suggest/testing/labelled-sentences.json. Targets: precision >= 0.95, recall >= 0.85.
 */
export function printSuggestionsBench(): void {
  const start = performance.now();
  const score = scoreSuggestions();
  const ms = performance.now() - start;
  const docs = new Set(LABELLED.map((s) => s.doc).filter(Boolean)).size;
  console.log(
    `\nSuggestions: ${score.sentences} labelled news and policy sentences (${docs} multi-sentence documents)   (targets precision >= 0.95, recall >= 0.85)`,
  );
  console.log(formatScoreTable(score).replace(/^/gm, '  '));
  console.log(`  ${(ms / score.sentences).toFixed(2)} ms per sentence (all five suggestions)`);
  const below = score.fields.filter((f) => f.precision < 0.95 || f.recall < 0.85).map((f) => f.field);
  if (below.length) console.log(`  below target: ${below.join(', ')}`);
}
