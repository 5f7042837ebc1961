import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { runInProcess } from './testing/in-process';

/**
 * The paragraph each fact cites, through the real import path, for every shape plain text comes
 * in (fixtures in fixtures/paragraphs; the rule is ingest/formats/text-paragraphs.ts). Each row:
 * the paragraph a reader counts, and how the fact begins.
 */
const FIXTURES = join(__dirname, 'fixtures', 'paragraphs');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const WEB_ARTICLE = [
  ['1', 'Grain corridor reopens as talks resume i'],
  ['2', 'By Adaeze Okafor'],
  ['3', 'January 19, 2024'],
  ['4', 'ISTANBUL — Ships carrying grain left the'],
  ['4', 'The U.S. ambassador welcomed the move.'],
  ['5', '“We will keep the corridor open as long '],
  ['6', 'Insurers were less sure.'],
  ['7', 'Premiums for a single voyage rose by $1.'],
  ['8', 'Exports fell 30% to 3.2 million tonnes i'],
  ['9', 'Dr. Sara Petrov of the Institute for Tra'],
  ['9', '“It is a fragile arrangement,” she said.'],
];

// The same e-mail wrapped at 72 columns, with and without blank lines between its paragraphs.
const EMAIL = [
  ['1', 'Hi Tom,'],
  ['2', "Following up on yesterday's call about t"],
  ['2', 'The ministry confirmed this morning that'],
  ['3', 'Exports fell 30% to 3.2 million tonnes i'],
  ['4', 'Brokers in London tell me premiums rose '],
  ['4', 'Two underwriters have stopped quoting al'],
  ['5', 'Best,'],
  ['6', 'Marta'],
];

const CASES: [string, string, string[][]][] = [
  ['a web-copied article, one paragraph per line', 'web-article.txt', WEB_ARTICLE],
  [
    'web copy with headings, sections set apart by blank lines',
    'web-sections.txt',
    [
      ['1', 'Corridor talks: what we know'],
      ['2', 'The corridor'],
      ['3', 'Ships carrying grain left the port of Od'],
      ['4', 'Inspections in Istanbul will take no mor'],
      ['5', 'The money'],
      ['6', 'Exports fell 30% to 3.2 million tonnes i'],
      ['7', 'Premiums rose by $1.5 million per voyage'],
    ],
  ],
  ['an e-mail hard-wrapped at 72 columns, blank lines between paragraphs', 'email-72-blank-lines.txt', EMAIL],
  ['an e-mail hard-wrapped at 72 columns, no blank lines (paragraphs end at short lines)', 'email-72.txt', EMAIL],
  [
    'hard-wrapped paragraphs started by indentation',
    'indented.txt',
    [
      ['1', 'The delegation arrived in Valletta on th'],
      ['1', 'Talks on the Mediterranean quota opened '],
      ['2', 'The quota falls to 41,000 tonnes for the'],
      ['2', 'Fishing fleets from five member states w'],
      ['3', 'Observers from two environmental groups '],
      ['3', 'The Commission said it would review the '],
    ],
  ],
  [
    'one paragraph per line mixed with headings and bullets',
    'mixed.txt',
    [
      ['1', 'Corridor update'],
      ['2', 'Ships carrying grain left the port of Od'],
      ['3', 'Key points:'],
      ['4', 'Inspections take no more than 36 hours.'],
      ['5', 'Premiums rose by $1.5 million per voyage'],
      ['6', 'Exports fell 30% to 3.2 million tonnes i'],
      ['7', 'What comes next'],
      ['8', 'Talks resume in Istanbul on Monday.'],
      ['8', 'The foreign minister is expected to atte'],
    ],
  ],
];

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

interface DryRun {
  facts: { text: string; locator: { label: string; value: string } }[];
}

async function dryRun(args: string[], stdin = ''): Promise<DryRun> {
  const { code, out, err } = await runInProcess(join(dir, 'lib.sqlite'), ['import', ...args, '--title', 'T', '--dry-run', '--json'], stdin);
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as DryRun;
}

const cited = (r: DryRun) =>
  r.facts.map((f) => [f.locator.label === 'paragraph' ? f.locator.value : `${f.locator.label} ${f.locator.value}`, f.text.slice(0, 40)]);

describe('dossier import: each fact cites the paragraph it stands in', () => {
  it.each(CASES)('%s (a file)', async (_name, file, expected) => {
    expect(cited(await dryRun([join(FIXTURES, file)]))).toEqual(expected);
  });

  it.each(CASES)('%s (standard input)', async (_name, file, expected) => {
    expect(cited(await dryRun(['-'], read(file)))).toEqual(expected);
  });

  it('reads Windows line ends the same as Unix ones', async () => {
    expect(cited(await dryRun(['-'], read('email-72.txt').replace(/\n/g, '\r\n')))).toEqual(EMAIL);
    expect(cited(await dryRun(['-'], read('web-article.txt').replace(/\n/g, '\r\n')))).toEqual(WEB_ARTICLE);
  });
});
