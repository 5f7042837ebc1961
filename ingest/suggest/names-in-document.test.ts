import { describe, expect, it } from 'vitest';
import { suggestForDocument } from './index';

const attributions = (sentences: string[]) => suggestForDocument(sentences, '2024-03-07').map((s) => s.attribution);

describe('a later surname resolves to the full name and role given earlier in the document', () => {
  it('takes the name and role of the one person the surname belongs to', () => {
    expect(
      attributions([
        "Pak Jong-chol, a senior official at the North's foreign ministry, said the drills were a rehearsal for invasion.",
        'Pak added that Pyongyang would respond.',
        '"We are ready," Pak said, according to KCNA.',
      ]),
    ).toEqual([
      { name: 'Pak Jong-chol', role: "senior official at the North's foreign ministry" },
      { name: 'Pak Jong-chol', role: "senior official at the North's foreign ministry" },
      { name: 'Pak Jong-chol', role: "senior official at the North's foreign ministry", viaOutlet: 'KCNA' },
    ]);
  });

  it('matches any word of the name ("Tedros" of Tedros Adhanom Ghebreyesus) and keeps a role given again', () => {
    expect(
      attributions([
        'Dr. Tedros Adhanom Ghebreyesus said the situation was catastrophic.',
        'Tedros, the WHO director-general, said fuel had to arrive within days.',
      ])[1],
    ).toEqual({ name: 'Tedros Adhanom Ghebreyesus', role: 'WHO director-general' });
  });

  it('leaves a surname two people share, and a surname seen before any full name, as written', () => {
    expect(
      attributions([
        'Lindqvist said the talks had stalled.',
        'Erik Lindqvist, the chief negotiator, said the talks had stalled.',
        'Anna Lindqvist, the deputy negotiator, said a deal was close.',
        'Lindqvist added that the corridor was open.',
      ]),
    ).toEqual([
      { name: 'Lindqvist' },
      { name: 'Erik Lindqvist', role: 'chief negotiator' },
      { name: 'Anna Lindqvist', role: 'deputy negotiator' },
      { name: 'Lindqvist' },
    ]);
  });

  it('does not take a place for the first name of a two-word name', () => {
    expect(attributions(['Israel Katz, the defence minister, said the strikes would continue.', 'Israel said the strikes would continue.'])[1]).toEqual({
      name: 'Israel',
    });
  });

  it('does not carry names from one document to the next', () => {
    suggestForDocument(['Erik Lindqvist, the chief negotiator, said the talks had stalled.']);
    expect(suggestForDocument(['Lindqvist said the corridor was open.'])[0].attribution).toEqual({ name: 'Lindqvist' });
  });
});
