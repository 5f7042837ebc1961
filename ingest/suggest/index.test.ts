import { describe, expect, it } from 'vitest';
import { suggestFor } from './index';

describe('suggestions for a candidate sentence', () => {
  it('suggests kind, attribution, event date and figure together', () => {
    expect(suggestFor('Ships carried 1.2 million tonnes of grain through the corridor in December, the port authority said.', '2024-01-19')).toEqual({
      kind: 'statistic',
      attribution: { role: 'port authority' },
      eventDate: '2023-12',
      statistic: { figure: '1.2 million tonnes', value: 1_200_000, unit: 'tonnes' },
    });
  });

  it('calls quoted speech a quote, even with a figure in it', () => {
    expect(suggestFor('“We lost 30 percent of the harvest,” Ines Duarte, the agriculture minister, said on Tuesday.', '2024-01-19')).toEqual({
      kind: 'quote',
      attribution: { name: 'Ines Duarte', role: 'agriculture minister' },
      eventDate: '2024-01-16',
      statistic: { figure: '30 percent', value: 30, unit: 'percent' },
    });
    expect(suggestFor('"The corridor will stay open as long as ships are insured."').kind).toBe('quote');
  });

  it('does not take a scare-quoted term for a quote', () => {
    const s = suggestFor('The ministry called the report “fabricated”, Reuters reported.');
    expect(s.kind).toBe('paraphrase');
    // The ministry's word, as Reuters reported it: "called … “fabricated”" attributes it.
    expect(s.attribution).toEqual({ role: 'ministry', viaOutlet: 'Reuters' });
  });

  it('returns only the kind when there is nothing to suggest', () => {
    expect(suggestFor('The corridor is a vital route for exports.')).toEqual({ kind: 'paraphrase' });
  });

  it('reads each sentence of an article on its own', () => {
    const sentences = [
      'GENEVA — Talks on the grain corridor resumed on Tuesday, according to the Meridian Herald.',
      '“We are closer than ever,” said Erik Lindqvist, the chief negotiator.',
      'Insurers cut premiums by 40 percent last week.',
    ];
    expect(sentences.map((t) => suggestFor(t, '2024-01-19'))).toEqual([
      { kind: 'paraphrase', attribution: { viaOutlet: 'Meridian Herald' }, eventDate: '2024-01-16' },
      { kind: 'quote', attribution: { name: 'Erik Lindqvist', role: 'chief negotiator' } },
      { kind: 'statistic', eventDate: '2024-01', statistic: { figure: '40 percent', value: 40, unit: 'percent' } },
    ]);
  });
});
