import { describe, expect, it } from 'vitest';
import { CitationEngine, type ClusterInput, type ClusterResult } from './engine';
import { runsToPlain } from './html-runs';
import { lookup } from './test-fixtures';

const plain = (results: ClusterResult[]) => results.map((r) => runsToPlain(r.runs));

const doc: ClusterInput[] = [
  { id: 'a', cites: [{ itemId: 'book', locator: '12' }] },
  { id: 'b', cites: [{ itemId: 'book', locator: '12' }] },
  { id: 'c', cites: [{ itemId: 'book', locator: '14' }] },
  { id: 'd', cites: [{ itemId: 'report' }] },
  { id: 'e', cites: [{ itemId: 'book', locator: '3' }] },
];

describe('Chicago notes and bibliography', () => {
  it('full first note, then Ibid., then "Ibid., 14." for a new page, then short form (with-ibid variant)', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    expect(engine.isNoteStyle).toBe(true);
    const out = engine.renderDocument(doc);
    expect(out.map((r) => r.noteNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(plain(out)).toEqual([
      'Jane Smith, The Politics of Aid (Oxford: Oxford University Press, 2020), 12.',
      'Ibid.',
      'Ibid., 14.',
      'U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024).',
      'Smith, The Politics of Aid, 3.',
    ]);
    expect(out[0].html).toBe('Jane Smith, <i>The Politics of Aid</i> (Oxford: Oxford University Press, 2020), 12.');
    expect(out[0].runs).toEqual([
      { text: 'Jane Smith, ' },
      { text: 'The Politics of Aid', italic: true },
      { text: ' (Oxford: Oxford University Press, 2020), 12.' },
    ]);
  });

  it('without the Ibid. variant a repeated source gets the short form (author only right after itself)', () => {
    // Chicago 17 replaces Ibid. with the author's name when the previous note cites the same
    // source ("Smith, 12."), and uses author + short title otherwise.
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography', items: lookup });
    expect(plain(engine.renderDocument(doc))).toEqual([
      'Jane Smith, The Politics of Aid (Oxford: Oxford University Press, 2020), 12.',
      'Smith, 12.',
      'Smith, 14.',
      'U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024).',
      'Smith, The Politics of Aid, 3.',
    ]);
  });

  it('short-note variants: every note short, Ibid. only in the with-ibid variant', () => {
    const short = CitationEngine.create({ styleId: 'chicago-note-bibliography', items: lookup });
    expect(plain(short.renderDocument(doc))).toEqual([
      'Smith, The Politics of Aid, 12.',
      'Smith, 12.',
      'Smith, 14.',
      'U.S. Department of State, “Country Reports on Terrorism 2022.”',
      'Smith, The Politics of Aid, 3.',
    ]);
    const ibid = CitationEngine.create({ styleId: 'chicago-note-bibliography-with-ibid', items: lookup });
    expect(plain(ibid.renderDocument(doc)).slice(0, 3)).toEqual(['Smith, The Politics of Aid, 12.', 'Ibid.', 'Ibid., 14.']);
  });

  it('renders several sources in one note', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    const [note] = engine.renderDocument([
      {
        id: 'x',
        cites: [
          { itemId: 'book', locator: '5' },
          { itemId: 'book2', locator: '2', label: 'chapter' },
        ],
      },
    ]);
    expect(runsToPlain(note.runs)).toBe(
      'Jane Smith, The Politics of Aid (Oxford: Oxford University Press, 2020), 5; Adaeze Okafor and Erik Lindqvist, Sanctions and Statecraft (Cambridge: Cambridge University Press, 2018), chap. 2.',
    );
  });

  it('secondary citation: "X, quoted in Y" in one note, the delimiter turned into a comma', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    const out = engine.renderDocument([
      { id: 'v1', cites: [{ itemId: 'news', via: { itemId: 'report', locator: '45' } }] },
      { id: 'v2', cites: [{ itemId: 'news', locator: '2', suffix: ', emphasis added', via: { itemId: 'report', locator: '46' } }] },
    ]);
    expect(plain(out)).toEqual([
      'Rana Haddad, “Ports Reopen after Strike,” The Meridian Herald, March 5, 2024, quoted in U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024), 45.',
      'Haddad, “Ports Reopen after Strike,” 2, emphasis added, quoted in U.S. Department of State, “Country Reports on Terrorism 2022,” 46.',
    ]);
  });
});

describe('secondary citation punctuation', () => {
  // The original ends in a quoted title: the via comma goes inside the quotation marks where
  // the locale puts punctuation there (Chicago 14.260), and stays outside where it does not.
  const quotedLast: ClusterInput[] = [
    { id: 'q1', cites: [{ itemId: 'report', via: { itemId: 'news', locator: '3' } }] },
    { id: 'q2', cites: [{ itemId: 'report', via: { itemId: 'news', locator: '4' } }] },
  ];

  it('moves the comma inside the closing quote in American English', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    const out = plain(engine.renderDocument(quotedLast));
    expect(out[0]).toContain('(Washington, DC: U.S. Department of State, 2024), quoted in Rana Haddad');
    expect(out[1]).toBe('U.S. Department of State, “Country Reports on Terrorism 2022,” quoted in Haddad, “Ports Reopen after Strike,” 4.');
    expect(engine.clusters()[1].html).not.toContain('”, quoted in');
  });

  it('keeps it outside in British English and in OSCOLA', () => {
    const british = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup, locale: 'en-GB' });
    expect(plain(british.renderDocument(quotedLast))[1]).toMatch(/Terrorism 2022’, quoted in Haddad/);
    const oscola = CitationEngine.create({ styleId: 'oscola', items: lookup });
    expect(plain(oscola.renderDocument(quotedLast)).join('\n')).not.toMatch(/,’ quoted in/);
  });

  it('keeps the move when an edit re-renders the note', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    engine.renderDocument(quotedLast);
    engine.moveCluster('q2', 0);
    expect(plain(engine.clusters())[1]).toMatch(/Terrorism 2022,” quoted in Haddad/);
  });
});

describe('OSCOLA', () => {
  it('loads, renders in en-GB with lower-case ibid and cross-references "(n 1)"', () => {
    const engine = CitationEngine.create({ styleId: 'oscola', items: lookup });
    expect(engine.locale).toBe('en-GB');
    expect(plain(engine.renderDocument(doc))).toEqual([
      'Jane Smith, The Politics of Aid (Oxford University Press 2020) 12.',
      'ibid.',
      'ibid 14.',
      'U.S. Department of State, ‘Country Reports on Terrorism 2022’ (US Department of State 2024).',
      'Smith (n 1) 3.',
    ]);
  });
});

describe('editing a note document', () => {
  it('moving a note renumbers and moves Ibid. to the note that now follows the same source', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    engine.renderDocument([
      { id: 'a', cites: [{ itemId: 'book', locator: '12' }] },
      { id: 'b', cites: [{ itemId: 'book', locator: '12' }] },
      { id: 'c', cites: [{ itemId: 'report' }] },
    ]);
    // a: full, b: Ibid., c: report full. Moving c to the front renumbers every note but
    // changes no text, so nothing is reported.
    expect(engine.moveCluster('c', 0)).toEqual([]);
    expect(engine.clusters().map((r) => [r.id, r.noteNumber, runsToPlain(r.runs)])).toEqual([
      ['c', 1, 'U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024).'],
      ['a', 2, 'Jane Smith, The Politics of Aid (Oxford: Oxford University Press, 2020), 12.'],
      ['b', 3, 'Ibid.'],
    ]);
    // Now put the report between the two book notes: b is no longer Ibid.
    const changed2 = engine.moveCluster('c', 1);
    expect(changed2.map((r) => [r.id, r.noteNumber, runsToPlain(r.runs)])).toEqual([['b', 3, 'Smith, The Politics of Aid, 12.']]);
    expect(engine.clusters().map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });

  it('inserting, updating and removing notes report every note citeproc rewrote', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    engine.renderDocument([
      { id: 'a', cites: [{ itemId: 'book', locator: '12' }] },
      { id: 'b', cites: [{ itemId: 'report' }] },
    ]);
    const inserted = engine.insertCluster({ id: 'n', cites: [{ itemId: 'book', locator: '13' }] }, 1);
    expect(inserted.map((r) => [r.id, r.noteNumber, runsToPlain(r.runs)])).toEqual([['n', 2, 'Ibid., 13.']]);

    const updated = engine.updateCluster({ id: 'a', cites: [{ itemId: 'report' }] });
    expect(updated.map((r) => [r.id, runsToPlain(r.runs)])).toEqual([
      ['a', 'U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024).'],
      ['n', 'Jane Smith, The Politics of Aid (Oxford: Oxford University Press, 2020), 13.'],
      ['b', 'U.S. Department of State, “Country Reports on Terrorism 2022.”'],
    ]);

    const removed = engine.removeCluster('n');
    expect(removed.map((r) => [r.id, r.noteNumber, runsToPlain(r.runs)])).toEqual([['b', 2, 'Ibid.']]);
    expect(engine.clusters().map((r) => r.id)).toEqual(['a', 'b']);
    expect(engine.removeCluster('a').map((r) => [r.id, r.noteNumber, runsToPlain(r.runs)])).toEqual([
      ['b', 1, 'U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024).'],
    ]);
    expect(engine.removeCluster('b')).toEqual([]);
    expect(engine.clusters()).toEqual([]);
    expect(engine.bibliography().entries).toEqual([]);
    expect(plain(engine.insertCluster({ id: 'z', cites: [{ itemId: 'book' }] }, 5))).toEqual([
      'Jane Smith, The Politics of Aid (Oxford: Oxford University Press, 2020).',
    ]);
  });

  it('rejects bad input without corrupting the document', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    engine.renderDocument([{ id: 'a', cites: [{ itemId: 'book' }] }]);
    expect(() => engine.insertCluster({ id: 'b', cites: [{ itemId: 'missing' }] }, 1)).toThrow(/cluster "b": unknown item "missing"/);
    expect(() => engine.insertCluster({ id: 'a', cites: [{ itemId: 'book' }] }, 1)).toThrow(/duplicate cluster id "a"/);
    expect(() => engine.insertCluster({ id: 'c', cites: [] }, 1)).toThrow(/cluster "c" has no cites/);
    expect(() => engine.moveCluster('nope', 0)).toThrow(/no cluster "nope"/);
    expect(() =>
      engine.renderDocument([
        { id: 'x', cites: [{ itemId: 'book' }] },
        { id: 'x', cites: [{ itemId: 'book' }] },
      ]),
    ).toThrow(/duplicate cluster id "x"/);
    expect(engine.clusters().map((r) => r.id)).toEqual(['a']);
    expect(plain(engine.insertCluster({ id: 'b', cites: [{ itemId: 'book' }] }, 1))).toEqual(['Ibid.']);
  });
});
