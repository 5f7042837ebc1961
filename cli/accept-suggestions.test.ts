import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function cli(args: string[], stdin = ''): Promise<CliRun> {
  return runInProcess(join(dir, 'lib.sqlite'), args, stdin);
}

async function json<T = any>(args: string[], stdin?: string): Promise<T> {
  const r = await cli([...args, '--json'], stdin);
  expect(r.err, r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

const WIRE = [
  'Exports fell 30% to 3.2 million tonnes in December, a ministry spokesman told Reuters.',
  'Shipments will resume next week, the minister told AFP.',
].join(' ');

describe('dossier import --accept-suggestions', () => {
  it('keeps a range the sentence gives as a range, placed against the publication date', async () => {
    const file = join(dir, 'pause.txt');
    writeFileSync(file, 'Fighting paused between late December and early January, the ministry said.');
    const r = await json(['import', file, '--title', 'Ceasefire note', '--issued', '2025-02-03', '--accept-suggestions']);
    expect(r.facts).toMatchObject([{ eventDate: '2024-12', eventDateEnd: '2025-01', attribution: { role: 'ministry' } }]);
    // Without a publication date the months cannot be placed in a year: left empty, not guessed.
    const undated = await json(['import', file, '--title', 'Undated note', '--accept-suggestions']);
    expect(undated.facts[0].eventDate).toBeUndefined();
    expect(undated.facts[0].eventDateEnd).toBeUndefined();
  });

  it('stores the figure and the relaying outlet (an existing source reused, a new one made)', async () => {
    const reuters = await json(['source', 'add', '--type', 'article-newspaper', '--title', 'Port traffic slows', '--container', 'Reuters']);
    const file = join(dir, 'wire.txt');
    writeFileSync(file, WIRE);
    const plain = await json(['import', file, '--title', 'Plain bulletin', '--issued', '2024-01-19']);
    expect(plain.facts.map((f: { viaSourceId?: string; figure?: unknown }) => [f.viaSourceId, f.figure])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(plain.outletSourcesCreated).toBeUndefined();

    const r = await json(['import', file, '--title', 'Grain bulletin', '--issued', '2024-01-20', '--accept-suggestions']);
    const [stat, resume] = r.facts;
    expect(stat).toMatchObject({ viaSourceId: reuters.id, figure: { stated: '30%', value: 30, unit: 'percent' }, eventDate: '2023-12' });
    expect(r.outletSourcesCreated).toMatchObject([{ title: 'AFP', type: 'article-newspaper' }]);
    expect(resume.viaSourceId).toBe(r.outletSourcesCreated[0].id);
    const shown = await cli(['fact', 'show', stat.id]);
    expect(shown.out).toMatch(/figure:\s+30% \(value 30, unit percent\)/);
    expect(shown.out).toContain(`via:`);
    const withFigure = await json(['facts', '--has-figure']);
    expect(withFigure.facts.map((f: { id: string }) => f.id)).toEqual([stat.id]);
    const text = await cli(['import', file, '--title', 'Third bulletin', '--issued', '2024-01-21', '--accept-suggestions']);
    expect(text.out).not.toMatch(/New source for the outlet/); // AFP is known now
  });
});

describe('dossier fact add/edit: figure and event-date range', () => {
  it('reads the number from --figure, shows the range, and names the field it refuses', async () => {
    const src = await json(['source', 'add', '--type', 'report', '--title', 'Corridor report']);
    const f = await json([
      'fact',
      'add',
      '--source',
      src.id,
      '--text',
      'Exports reached $3.2 billion over the winter.',
      '--figure',
      '$3.2 billion',
      '--event-date',
      '2023-12',
      '--event-date-end',
      '2024-02',
    ]);
    expect(f).toMatchObject({ figure: { stated: '$3.2 billion', value: 3_200_000_000, unit: 'USD' }, eventDate: '2023-12', eventDateEnd: '2024-02' });
    const shown = await cli(['fact', 'show', f.id]);
    expect(shown.out).toMatch(/event date:\s+2023-12 to 2024-02/);
    expect(await json(['fact', 'show', f.id])).toMatchObject({ figure: f.figure, eventDateEnd: '2024-02' });

    const given = await json(['fact', 'edit', f.id, '--figure', 'about three billion', '--figure-value', '3e9', '--figure-unit', 'USD']);
    expect(given.figure).toEqual({ stated: 'about three billion', value: 3e9, unit: 'USD' });

    const early = await cli(['fact', 'edit', f.id, '--event-date-end', '2023-11']);
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/fact\.eventDateEnd: must not be before the event date \(2023-12\)/);
    const badValue = await cli(['fact', 'edit', f.id, '--figure', '3 bn', '--figure-value', 'three']);
    expect(badValue.code).toBe(2);
    expect(badValue.err).toMatch(/fact\.figure\.value: "three" is not a number/);
    const lone = await cli(['fact', 'edit', f.id, '--figure-unit', 'EUR']);
    expect(lone.code).toBe(1); // a usage error
    expect(lone.err).toMatch(/--figure-value and --figure-unit go with --figure/);
    expect(await json(['fact', 'show', f.id])).toMatchObject({ figure: given.figure, eventDateEnd: '2024-02' });

    const cleared = await json(['fact', 'edit', f.id, '--figure', '', '--event-date', '']);
    expect([cleared.figure, cleared.eventDate, cleared.eventDateEnd]).toEqual([undefined, undefined, undefined]);
    expect((await json(['facts', '--has-figure'])).facts).toEqual([]);
  });
});
