import { describe, expect, it } from 'vitest';
import { formatScoreTable, LABELLED, scoreSuggestions } from './score';

describe('suggestions measured against the labelled sentences (issue 13 §2)', () => {
  const score = scoreSuggestions();

  it('has at least 150 labelled sentences', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(150);
  });

  it.each(['name', 'role', 'via', 'eventDate', 'figure'] as const)('%s: precision >= 0.95, recall >= 0.85', (field) => {
    const f = score.fields.find((x) => x.field === field)!;
    const wrong = score.disagreements.filter((d) => d.field === field);
    expect({ precision: f.precision >= 0.95, recall: f.recall >= 0.85, table: formatScoreTable(score), wrong }).toMatchObject({
      precision: true,
      recall: true,
    });
  });
});
