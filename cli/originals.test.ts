import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { reportPdf } from '../db/originals/testing/captured-pdf';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await reportPdf();
});

const cli = (args: string[]): Promise<CliRun> => runInProcess(join(dir, 'lib.sqlite'), args);

describe('stored originals on the command line', () => {
  it('import keeps the file; fact show --context prints its passage; facts --search --originals finds what was not kept', async () => {
    const file = join(dir, 'working-paper-12.pdf');
    writeFileSync(file, pdf);
    const imported = await cli(['import', file, '--keep', '1-3', '--json']);
    expect(imported.err).toBe('');
    const facts = JSON.parse(imported.out).facts as { id: string; text: string }[];

    const shown = await cli(['fact', 'show', facts[1].id, '--context']);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/From the stored original \(working-paper-12\.pdf, sha256 [0-9a-f]{12}…, captured \d{4}-\d\d-\d\d\), p\. 1:\n/);
    expect(shown.out).toContain(`»${facts[1].text.slice(0, 40)}`);

    const found = await cli(['facts', '--search', 'port director', '--originals']);
    expect(found.out).toMatch(
      /In stored originals \(the captured files' own text, not facts\): 1\n {2}\[original\] .*port director told the committee.* — Tariff Escalation and Regional Supply Chains, p\. \d/,
    );
    expect(found.out).toContain('No facts found.');
    expect((await cli(['facts', '--originals'])).err).toMatch(/--originals searches the stored originals for words: give them with --search/);

    // A fact added by hand to a source with no file: nothing to show, and said so.
    const lib = Library.open(join(dir, 'lib.sqlite'));
    const typed = lib.addFact({ sourceId: lib.addSource({ type: 'report', title: 'Notes' }).id, text: 'Typed by hand.' });
    lib.close();
    expect((await cli(['fact', 'show', typed.id, '--context'])).out).toContain('No stored original: this source was not captured from a file.');
  });
});
