import type { Db } from '../open';
import type { Problem } from './problem';

/**
 * SQLite's integrity_check speaks in b-tree root pages ("Tree 12 page 40 cell 3: …") and
 * index names. This names the table each line is about, so a report says "pages of the
 * facts table are damaged", and tells derived data (an index) from the rows themselves.
 */
export function describeIntegrity(db: Db, lines: string[]): Problem[] {
  const owners = treeOwners(db);
  const damagedTables = new Map<string, number>();
  const staleIndexes = new Map<string, number>();
  let lostPages = 0;
  let other = 0;

  for (const line of lines) {
    const index = /(?:missing from index|entries in index|UNIQUE index|index) (\S+)/.exec(line)?.[1];
    const tree = /^(?:\*\*\* in database \w+ \*\*\*\s*)?(?:Tree|On tree page) (\d+)/.exec(line)?.[1];
    if (/^Page \d+: never used|is never used/.test(line)) lostPages++;
    else if (index && owners.indexes.has(index)) bump(staleIndexes, index);
    else if (tree && owners.byRoot.has(Number(tree))) {
      const owner = owners.byRoot.get(Number(tree))!;
      if (owner.type === 'index') bump(staleIndexes, owner.name);
      else bump(damagedTables, owner.name);
    } else other++;
  }

  const problems: Problem[] = [];
  for (const [table, n] of damagedTables) {
    problems.push({
      kind: 'pages',
      remedy: 'restore',
      message: `Pages of the "${table}" table are damaged (${n} problem${n === 1 ? '' : 's'} found): its rows cannot all be trusted.`,
    });
  }
  for (const [name, n] of staleIndexes) {
    problems.push({
      kind: 'index',
      remedy: 'rebuild',
      message: `The index "${name}" is out of step with its table (${n} entr${n === 1 ? 'y' : 'ies'}); it is derived data and can be rebuilt.`,
    });
  }
  if (lostPages)
    problems.push({
      kind: 'index',
      remedy: 'rebuild',
      message: `${lostPages} page${lostPages === 1 ? ' is' : 's are'} lost from the file's free list (space only, no rows); compacting the file recovers ${lostPages === 1 ? 'it' : 'them'}.`,
    });
  if (other)
    problems.push({
      kind: 'pages',
      remedy: 'restore',
      message: `SQLite found ${other} other structural problem${other === 1 ? '' : 's'} (first: ${lines.find((l) => !/never used/.test(l))}).`,
    });
  return problems;
}

interface Owners {
  byRoot: Map<number, { name: string; type: string }>;
  indexes: Set<string>;
}

/** Root page → table or index, from the schema (when even that cannot be read, nothing is named). */
function treeOwners(db: Db): Owners {
  const owners: Owners = { byRoot: new Map(), indexes: new Set() };
  try {
    for (const row of db.prepare('SELECT name, type, tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0').all() as {
      name: string;
      type: string;
      tbl_name: string;
      rootpage: number;
    }[]) {
      owners.byRoot.set(row.rootpage, { name: row.type === 'index' ? row.name : row.tbl_name, type: row.type });
      if (row.type === 'index') owners.indexes.add(row.name);
    }
  } catch {
    // the schema itself is damaged: the lines stay unattributed
  }
  return owners;
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
