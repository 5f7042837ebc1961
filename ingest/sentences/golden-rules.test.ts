import { describe, expect, it } from 'vitest';
import { GOLDEN_RULES, SUPPLEMENTARY_RULES, type GoldenRule } from './golden-rules';
import { splitSentences } from './index';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
// What our API strips from the start of a list item: a list-item paragraph's marker ("1. ",
// "• ") or an inline item's ("2.) ", "• 10. ", "⁃9. ", "b. ", "(b) ").
const BLOCK_MARKER = /^\s*(?:[-*+•‣⁃◦▪●○]\s*)?(?:\(?(?:\d{1,3}|[a-z])(?:\.\)|[.)]))?\s*$/;

/**
 * Judges one rule. The Golden Rules are about boundaries, and our spans deliberately differ from
 * the rule's expected strings in two documented ways: whitespace is collapsed, and the Markdown
 * marker of a list item ("1. The first item", "… 2) The second item") is not part of the sentence text. So each
 * expected sentence is compared with the stretch of input our sentence covers — from the end of
 * the previous sentence to the end of this one — and the span text must be that stretch minus, at
 * most, a leading list marker.
 */
function judge(rule: GoldenRule): { pass: boolean; exact: boolean; actual: string[] } {
  const spans = splitSentences(rule.input);
  const actual = spans.map((s) => s.text);
  const exact = actual.length === rule.expected.length && actual.every((t, i) => t === collapse(rule.expected[i]));
  const fail = { pass: false, exact, actual };
  if (spans.length !== rule.expected.length) return fail;
  let prevEnd = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const covered = collapse(rule.input.slice(prevEnd, span.end));
    prevEnd = span.end;
    if (covered !== collapse(rule.expected[i])) return fail;
    if (!covered.endsWith(span.text) || !BLOCK_MARKER.test(covered.slice(0, covered.length - span.text.length))) return fail;
  }
  return { pass: true, exact, actual };
}

function score(rules: GoldenRule[]) {
  const failures: string[] = [];
  const markerOnly: number[] = [];
  let passed = 0;
  for (const rule of rules) {
    const { pass, exact, actual } = judge(rule);
    if (pass) passed++;
    if (pass && !exact) markerOnly.push(rule.id);
    else failures.push(`  #${rule.id} ${rule.name}\n    expected ${JSON.stringify(rule.expected)}\n    actual   ${JSON.stringify(actual)}`);
  }
  return { passed, failures, markerOnly };
}

describe('English Golden Rules', () => {
  it('has the 48 rules of the published English set', () => {
    expect(GOLDEN_RULES).toHaveLength(48);
    expect(new Set(GOLDEN_RULES.map((r) => r.id)).size).toBe(48);
  });

  it('scores at least 48/48', () => {
    const { passed, failures, markerOnly } = score(GOLDEN_RULES);
    const note = markerOnly.length ? ` (text differs only by the stripped list marker in #${markerOnly.join(', #')})` : '';
    console.log(`Golden Rules (English): ${passed}/${GOLDEN_RULES.length}${note}${failures.length ? `\n${failures.join('\n')}` : ''}`);
    expect(passed).toBeGreaterThanOrEqual(48);
  });

  it('passes the supplementary README rules (newlines, missing spaces)', () => {
    const { passed, failures } = score(SUPPLEMENTARY_RULES);
    console.log(`Golden Rules (supplementary): ${passed}/${SUPPLEMENTARY_RULES.length}${failures.length ? `\n${failures.join('\n')}` : ''}`);
    expect(passed).toBe(SUPPLEMENTARY_RULES.length);
  });
});
