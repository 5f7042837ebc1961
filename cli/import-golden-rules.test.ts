import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { GOLDEN_RULES, type GoldenRule } from '../ingest/sentences/golden-rules';
import { runInProcess } from './testing/in-process';

/**
 * The English Golden Rules through the whole capture pipeline, as a person meets it: each rule's
 * input is a plain-text file given to `dossier import FILE --dry-run --json`, so paragraph
 * evidence, list-item blocks and candidate extraction all take part — not only the segmenter.
 *
 * A rule passes when its expected sentences come out as the candidate facts, one for one. The
 * only difference allowed is the leading list marker ("1.)", "• 9.", "a."), which the pipeline
 * drops from every item of a list or from none of them.
 */

// An item marker at the start of an expected sentence: optional bullet, then a number or one
// letter (optionally in parentheses) closed by ".", ")" or ".)".
const LEADING_MARKER = /^(?:[-*+•‣⁃◦▪●○]\s*)?(?:\(?(?:\d{1,3}|[a-z])(?:\.\)|[.)]))\s+/;

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

async function candidatesOf(rule: GoldenRule): Promise<string[]> {
  const file = join(dir, `rule-${rule.id}.txt`);
  writeFileSync(file, rule.input);
  const run = await runInProcess(join(dir, 'lib.sqlite'), ['import', file, '--dry-run', '--json', '--title', `Rule ${rule.id}`]);
  if (run.code !== 0) throw new Error(`rule ${rule.id}: exit ${run.code}: ${run.err}`);
  return (JSON.parse(run.out) as { facts: { text: string }[] }).facts.map((f) => f.text);
}

/** Facts equal the expected sentences, each with its list marker kept, or each with it dropped. */
export function matchesRule(expected: string[], facts: string[]): boolean {
  if (facts.length !== expected.length) return false;
  const want = expected.map(collapse);
  const kept = facts.every((f, i) => f === want[i]);
  const dropped = want.some((w) => LEADING_MARKER.test(w)) && facts.every((f, i) => f === want[i]!.replace(LEADING_MARKER, ''));
  return kept || dropped;
}

describe('Golden Rules through `dossier import --dry-run`', () => {
  it('judges list markers strictly: kept or dropped on every item, and never two items in one', () => {
    const expected = ['1) The first item', '2) The second item'];
    expect(matchesRule(expected, ['1) The first item', '2) The second item'])).toBe(true);
    expect(matchesRule(expected, ['The first item', 'The second item'])).toBe(true);
    expect(matchesRule(expected, ['The first item', '2) The second item'])).toBe(false);
    expect(matchesRule(expected, ['The first item 2) The second item'])).toBe(false);
    expect(matchesRule(['Hello World.', 'My name is Jonas.'], ['Hello World. My name is Jonas.'])).toBe(false);
  });

  it('scores at least 47/48 on the English set', async () => {
    const failures: string[] = [];
    let passed = 0;
    for (const rule of GOLDEN_RULES) {
      const facts = await candidatesOf(rule);
      if (matchesRule(rule.expected, facts)) passed++;
      else failures.push(`  #${rule.id} ${rule.name}\n    expected ${JSON.stringify(rule.expected)}\n    facts    ${JSON.stringify(facts)}`);
    }
    console.log(`Golden Rules (English) via import --dry-run: ${passed}/${GOLDEN_RULES.length}${failures.length ? `\n${failures.join('\n')}` : ''}`);
    expect(passed).toBeGreaterThanOrEqual(47);
  }, 60_000);
});
