import Database from 'better-sqlite3';
import { Library } from '../../db/library';
import { getTemplate } from '../../export/template/index';

export const MEMO_TITLE = 'Drill memo';

/**
 * A real library for the drills: `sources` sources, `facts` facts spread over them, and a
 * background brief citing the first `cited` facts. Closed on return, in WAL mode with no
 * journal left beside it (a clean close checkpoints), so copies of it are whole files.
 */
export function buildLibrary(path: string, o: { sources: number; facts: number; cited: number }): { facts: number; sources: number; briefingId: string } {
  const lib = Library.open(path);
  try {
    const families = ['Okafor', 'Lee', 'Petrov', 'Duarte', 'Lindqvist', 'Haddad'];
    const sources = Array.from(
      { length: o.sources },
      (_, i) =>
        lib.addSource({
          type: i % 3 === 0 ? 'report' : 'article-newspaper',
          title: `Grain corridor report number ${i + 1}`,
          authors: [{ family: families[i % families.length], given: i % 2 ? 'Ada' : 'Min-jun' }],
          ...(i % 3 ? { containerTitle: 'The Harbour Times' } : { publisher: 'Institute for Trade Studies' }),
          issued: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
        }).id,
    );
    const template = getTemplate('background-brief');
    const b = lib.createBriefing(
      { title: MEMO_TITLE, templateId: template.id },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    const items = [];
    for (let i = 0; i < o.facts; i++) {
      const f = lib.addFact({
        text: `Finding ${i + 1}: shipments through the corridor rose by ${(i % 17) + 2} per cent in week ${(i % 52) + 1}, officials said.`,
        sourceId: sources[(i * 7) % o.sources],
        locator: { label: 'page', value: String(1 + (i % 80)) },
        tags: [`batch-${i % 5}`],
      });
      if (i < o.cited) items.push({ kind: 'fact' as const, factId: f.id });
    }
    if (items.length) lib.addItems(b.id, items, template.sections[1].key);
    return { facts: o.facts, sources: o.sources, briefingId: b.id };
  } finally {
    lib.close();
  }
}

/** Row counts of a library file, read without Dossier's code (the drills check Dossier, not themselves). */
export function rowCounts(path: string): { sources: number; facts: number } {
  const db = new Database(path, { fileMustExist: true });
  try {
    const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return { sources: n('sources'), facts: n('facts') };
  } finally {
    db.close();
  }
}

/** An article of `paragraphs` paragraphs, three sentences each: every sentence one candidate fact. */
export function articleText(paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    out.push(
      `Paragraph ${i + 1} reports that grain exports through the corridor reached ${1000 + i} tonnes in the week to Friday. ` +
        `The port authority said inspections took ${(i % 9) + 2} hours on average. ` +
        `Insurers quoted premiums of ${(i % 5) + 1} per cent for the route.`,
    );
  }
  return out.join('\n\n') + '\n';
}
