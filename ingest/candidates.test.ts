import { describe, expect, it } from 'vitest';
import { candidatesFromDocument } from './candidates';
import { importText } from './formats/text';

describe('candidates of one document get their suggestions together', () => {
  it('resolves a later surname to the full name and role given in an earlier paragraph, and keeps date ranges', () => {
    const doc = importText(
      [
        "SEOUL — Pak Jong-chol, a senior official at the North's foreign ministry, said on Tuesday that the drills were a rehearsal for invasion.",
        'Pak added that Pyongyang would respond. Shelling intensified in late February and early March, residents said.',
      ].join('\n\n'),
      { fileName: 'wire.txt' },
    );
    const c = candidatesFromDocument(doc, { published: '2024-03-07' });
    expect(c.map((x) => [x.text.slice(0, 20), x.attribution, x.eventDate, x.eventDateEnd])).toEqual([
      ['SEOUL — Pak Jong-cho', { name: 'Pak Jong-chol', role: "senior official at the North's foreign ministry" }, '2024-03-05', undefined],
      ['Pak added that Pyong', { name: 'Pak Jong-chol', role: "senior official at the North's foreign ministry" }, undefined, undefined],
      ['Shelling intensified', { role: 'residents' }, '2024-02', '2024-03'],
    ]);
  });
});
