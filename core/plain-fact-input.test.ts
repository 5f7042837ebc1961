import { describe, expect, it } from 'vitest';
import { plainFactInput, plainTag } from './plain-fact-input';
import { rng } from './seeded-random';
import { factInputSchema, tagSchema } from './validate';

/**
 * The fast path against the schema on the same inputs: whatever it accepts, the schema accepts
 * with the same output (values, keys and their order); whatever the schema refuses, it declines,
 * so the schema's error is the one the user sees.
 */

const r = rng(15);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const TEXTS = [
  'Exports fell 30% to 3.2 million tonnes in December.',
  '  "Shipments will resume," the port authority said.\n',
  'Café owners in Zürich reported fewer sailors.',
  'Grain\tmoved through the corridor 🚢 at night.',
  '\u00a0Non-breaking spaces around\u00a0',
  'x',
];
const TAGS = ['grain', ' Shipping ', 'black  sea', 'énergie', 'rail\tfreight', 'a'.repeat(100), '\u2003em space\u2003'];
const DATES = ['2024', '2024-02', '2024-02-29', ' 2023-12-31 ', '1999-01'];

function goodInput(i: number): Record<string, unknown> {
  const x: Record<string, unknown> = { text: pick(TEXTS), sourceId: `source-${i}` };
  if (r() < 0.7) x.kind = pick(['quote', 'paraphrase', 'statistic']);
  if (r() < 0.6) x.tags = [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => pick(TAGS)))];
  if (r() < 0.5) x.eventDate = pick(DATES);
  if (r() < 0.15) {
    x.eventDate = '2023-01';
    x.eventDateEnd = pick(['2023-02', '2023-01-31', ' 2024 ']);
  }
  if (r() < 0.3) x.credibility = 1 + Math.floor(r() * 6);
  if (r() < 0.2) x.locator = { label: pick(['page', 'paragraph', 'section']), value: pick([' 12 ', 'iv', '3–4']) };
  if (r() < 0.2) x.attribution = pick([{ name: 'Leda Marsh' }, { role: ' spokeswoman ' }, { name: 'Ana Díaz', role: '' }]);
  if (r() < 0.1) x.viaSourceId = 'via-1';
  if (r() < 0.1) x.marking = pick(['S//NOFORN', ' OFFICIAL ', '']);
  if (r() < 0.2) x.notes = pick(['Compare with FAO.', '', '  padded  ']);
  if (r() < 0.2) x.verifiedAt = pick(['2024-02-01T00:00:00.000Z', '2024-02-01T10:00:00+01:00']);
  return x;
}

/** One field of a good input made wrong (or odd) in one of the ways importers get it wrong. */
const BREAKS: ((x: Record<string, unknown>) => void)[] = [
  (x) => (x.text = ''),
  (x) => (x.text = '   '),
  (x) => (x.text = 42),
  (x) => (x.text = 'a'.repeat(20001)),
  (x) => (x.text = ` ${'a'.repeat(20000)} `), // long, but within the limit once trimmed
  (x) => (x.text = 'bad\0byte'),
  (x) => (x.text = 'lone \ud800 surrogate'),
  (x) => (x.text = 'pair \ud83d\udea2 kept'),
  (x) => delete x.text,
  (x) => (x.kind = 'opinion'),
  (x) => (x.kind = undefined),
  (x) => (x.sourceId = ''),
  (x) => (x.sourceId = 7),
  (x) => delete x.sourceId,
  (x) => (x.tags = 'grain'),
  (x) => (x.tags = ['ok', 3]),
  (x) => (x.tags = ['   ']),
  (x) => (x.tags = ['b'.repeat(101)]),
  (x) => (x.tags = Array.from({ length: 201 }, (_, i) => `t${i}`)),
  (x) => (x.tags = Array.from({ length: 200 }, (_, i) => `t${i}`)),
  (x) => (x.tags = ['nul\0tag']),
  (x) => (x.tags = []),
  (x) => (x.eventDate = '2024-13'),
  (x) => (x.eventDate = '18 Jan 2024'),
  (x) => (x.eventDate = 2024),
  (x) => (x.eventDateEnd = '2020'),
  (x) => {
    delete x.eventDate;
    x.eventDateEnd = '2024';
  },
  (x) => (x.credibility = 0),
  (x) => (x.credibility = 7),
  (x) => (x.credibility = 2.5),
  (x) => (x.credibility = '3'),
  (x) => (x.credibility = Number.NaN),
  (x) => (x.locator = { label: 'page' }),
  (x) => (x.locator = { label: 'verse', value: '3' }),
  (x) => (x.locator = { label: 'page', value: '3', extra: 1 }),
  (x) => (x.locator = { label: 'page', value: '  ' }),
  (x) => (x.locator = null),
  (x) => (x.attribution = {}),
  (x) => (x.attribution = { name: '  ', role: '' }),
  (x) => (x.attribution = { name: 'x'.repeat(301) }),
  (x) => (x.attribution = { name: 'A', title: 'B' }),
  (x) => (x.viaSourceId = ''),
  (x) => (x.marking = 'M'.repeat(101)),
  (x) => (x.notes = 5),
  (x) => (x.verifiedAt = '2024-02-01'),
  (x) => (x.verifiedAt = 'yesterday'),
  (x) => (x.figure = { stated: '3.2 bn', value: 3.2e9, unit: 'tonnes' }),
  (x) => (x.figure = { stated: '' }),
  (x) => (x.unknownField = 'x'),
  (x) => (x.__proto__ = { text: 'inherited' }),
];

function inputs(): unknown[] {
  const out: unknown[] = [null, undefined, 'a fact', [], 42, Object.create(null), new Date()];
  for (let i = 0; i < 3000; i++) {
    const x = goodInput(i);
    out.push(x);
    const broken = JSON.parse(JSON.stringify(x)) as Record<string, unknown>;
    pick(BREAKS)(broken);
    out.push(broken);
  }
  // Each break at least once on a fixed input, and a JSON-parsed "__proto__" own key.
  for (const b of BREAKS) {
    const x = { text: 'Grain moved.', sourceId: 's', eventDate: '2024-01', tags: ['grain'] };
    b(x);
    out.push(x);
  }
  out.push(JSON.parse('{"text": "Grain moved.", "sourceId": "s", "__proto__": {"kind": "quote"}}'));
  return out;
}

describe('the fast path of fact validation', () => {
  it('accepts only what the schema accepts, with the very same output', () => {
    let accepted = 0;
    let refused = 0;
    for (const x of inputs()) {
      const fast = plainFactInput(x);
      const schema = factInputSchema().safeParse(x);
      if (!schema.success) refused++;
      if (fast === undefined) continue;
      accepted++;
      expect(schema.success, JSON.stringify(x)).toBe(true);
      expect(fast).toStrictEqual(schema.data);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data)); // the same keys in the same order
    }
    // Not vacuous: most good inputs take the fast path, and many inputs are refused.
    expect(accepted).toBeGreaterThan(3000);
    expect(refused).toBeGreaterThan(1500);
  });

  it('checks tags as the tag schema does', () => {
    const tags: unknown[] = [...TAGS, '', ' ', 'x'.repeat(100), 'x'.repeat(101), ' x'.repeat(60), 'nul\0', '\udc00', 3, null, ['a']];
    for (const t of tags) {
      const fast = plainTag(t);
      const schema = tagSchema().safeParse(t);
      expect(fast === undefined ? undefined : schema.data, JSON.stringify(t)).toBe(fast);
      if (schema.success) expect(fast, JSON.stringify(t)).toBe(schema.data);
    }
  });
});
