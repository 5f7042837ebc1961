import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteRow } from '../../core/sync-types';
import type { Library } from '../library';
import { TEAM, teamLibrary } from '../testing/team-library';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function library(): Library {
  const t = teamLibrary();
  cleanups.push(t.cleanup);
  return t.lib;
}

const AT = '2024-03-01T09:00:00.000Z';
const uuid = (prefix: string, n: number) => `${prefix}${String(n).padStart(7, '0')}-1111-4111-8111-111111111111`;

function remote(entity: RemoteRow['entity'], id: string, data: RemoteRow['data'], version = 1): RemoteRow {
  return { entity, id, version, deleted: false, data, updatedBy: 'ben', updatedAt: AT };
}

function sourceRow(n: number): RemoteRow {
  return remote('source', uuid('5', n), {
    type: 'report',
    title: `Bulletin number ${n}`,
    authors: [{ given: 'Luca', family: `Marchetti${n}` }],
    editors: [],
    container_title: n % 2 ? 'Port review' : null,
    publisher: null,
    publisher_place: null,
    issued: '2024-02-28',
    accessed: null,
    url: null,
    doi: null,
    pages: null,
    volume: null,
    issue: null,
    number: null,
    language: null,
    notes: null,
    reliability: 'B',
    extra: { kept: n },
    created_at: AT,
  });
}

function factRow(n: number, sources: number): RemoteRow {
  const words = ['tonnage', 'premiums', 'convoy', 'silo', 'tariff'];
  return remote(
    'fact',
    uuid('f', n),
    {
      text: `Fact ${n}: the ${words[n % words.length]} figure moved by ${n * 3} percent.`,
      kind: n % 3 ? 'paraphrase' : 'quote',
      source_id: uuid('5', n % sources),
      position: n,
      locator_label: null,
      locator_value: null,
      attribution_name: n % 4 ? null : `Officer ${n}`,
      attribution_role: null,
      via_source_id: null,
      event_date: '2024-02-01',
      credibility: null,
      marking: null,
      notes: n % 5 ? null : `Checked ${n}`,
      created_at: AT,
      verified_at: null,
      figure_stated: null,
      figure_value: null,
      figure_unit: null,
      event_date_end: null,
      tags: n % 2 ? ['ports', `t${n % 7}`] : ['grain'],
    },
    1 + (n % 3),
  );
}

/** Every table the apply writes, and the search index's own entries, in a stable order. */
function snapshot(lib: Library): Record<string, unknown[]> {
  const all = (sql: string) => lib.db.prepare(sql).all();
  lib.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, fact_search, instance)');
  try {
    return {
      sources: all('SELECT * FROM sources ORDER BY seq'),
      facts: all('SELECT * FROM facts ORDER BY seq'),
      tags: all('SELECT * FROM tags ORDER BY seq'),
      factTags: all('SELECT * FROM fact_tags ORDER BY fact_seq, tag_seq'),
      syncRows: all('SELECT * FROM sync_rows ORDER BY entity, id'),
      outbox: all('SELECT seq, entity, id, op, fields, base_version FROM sync_outbox ORDER BY seq'),
      searchEntries: all('SELECT term, doc, col, offset FROM temp.terms ORDER BY doc, col, offset, term'),
    };
  } finally {
    lib.db.exec('DROP TABLE temp.terms');
  }
}

describe('applying a page of rows all new to the library', () => {
  it('the bulk path (one page) and the row-by-row path (a row per page) leave the same library, row for row', () => {
    const sources = Array.from({ length: 4 }, (_, n) => sourceRow(n));
    const facts = Array.from({ length: 60 }, (_, n) => factRow(n, sources.length));
    const bulk = library();
    const byRow = library();
    // One personal fact in each with the words of a team fact: folded into the team's on both paths.
    for (const lib of [bulk, byRow]) {
      lib.applyRemoteRows(TEAM.teamId, sources);
      const twin = facts[7].data as { text: string; source_id: string };
      lib.addFact({ text: twin.text, sourceId: twin.source_id, tags: ['mine'] });
    }
    expect(bulk.applyRemoteRows(TEAM.teamId, facts).applied.fact).toBe(60);
    for (const f of facts) byRow.applyRemoteRows(TEAM.teamId, [f]);

    const a = snapshot(bulk);
    const b = snapshot(byRow);
    expect(a.facts).toHaveLength(61 - 1);
    expect(a.searchEntries.length).toBeGreaterThan(60 * 8);
    for (const table of Object.keys(a)) expect(a[table], table).toEqual(b[table]);
    expect(bulk.check().ok).toBe(true);
    expect(bulk.searchFacts({ text: 'convoy' }).total).toBe(12);
    expect(bulk.searchFacts({ text: 'marchetti2' }).total).toBe(15);
  });

  it('a source that comes back with its JSON keys in another order is not rewritten', () => {
    const lib = library();
    const source = sourceRow(1);
    lib.applyRemoteRows(TEAM.teamId, [source, factRow(1, 2)]);
    // jsonb orders object keys its own way (shorter keys first): the same authors, other text.
    const data = { ...source.data, authors: [{ family: 'Marchetti1', given: 'Luca' }] };
    lib.applyRemoteRows(TEAM.teamId, [{ ...source, data, version: 2, updatedAt: '2024-04-01T00:00:00.000Z' }]);
    expect(lib.db.prepare('SELECT updated_at FROM sources').pluck().get()).toBe(AT);
    // A real change is still written.
    const renamed = { ...source.data, authors: [{ family: 'Rossi', given: 'Luca' }] };
    lib.applyRemoteRows(TEAM.teamId, [{ ...source, data: renamed, version: 3, updatedAt: '2024-05-01T00:00:00.000Z' }]);
    expect(lib.searchFacts({ text: 'rossi' }).total).toBe(1);
  });
});
