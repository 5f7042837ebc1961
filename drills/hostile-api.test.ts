/**
 * Hostile values through the API dispatcher the app uses (api/handlers.ts, issue 10 §7): every
 * value in every argument slot that takes text, plus whole arguments of the wrong type. The
 * dispatcher must answer with an envelope — never throw, never "internal" — a refusal must change
 * nothing (SQLite's total_changes() on the same connection), an accepted value must read back as
 * stored, and the briefing holding all of them must export to a valid .docx.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/handlers';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { exportedDocxProblem, VALIDATOR_NOTE } from './support/export-check';
import { recordFigures } from './support/figures';
import { integrity } from './support/files';
import { hostileValues, storedAs, type Hostile } from './support/hostile';

let lib: Library;
let dir: string;
let cleanup: () => void;
let call: ReturnType<typeof createDispatcher>;
let sourceId: string;
let factId: string;
let briefingId: string;

beforeAll(async () => {
  const t = tempLibrary();
  ({ lib, dir, cleanup } = t);
  mkdirSync(join(dir, 'out'));
  call = createDispatcher(lib, { allowWrite: (p) => p.startsWith(join(dir, 'out')) });
  sourceId = lib.addSource({ type: 'report', title: 'Harbour authority weekly report' }).id;
  factId = lib.addFact({ text: 'Inspections took four hours on average.', sourceId }).id;
  const b = await call('briefings:create', [{ title: 'Hostile values', templateId: 'background-brief' }]);
  briefingId = (b as { ok: true; value: { id: string } }).value.id;
});
afterAll(() => cleanup());

interface Probe {
  name: string;
  args: unknown;
  /** For an accepted write: what reading it back must give, or a problem. */
  readBack?: (value: unknown) => Promise<string | undefined>;
}

const changes = () => lib.db.prepare('SELECT total_changes()').pluck().get() as number;
const got = async (name: string, id: string) => ((await call(name, [id])) as { ok: true; value: Record<string, unknown> }).value;
const same = (what: string, actual: unknown, expected: string) =>
  storedAs(actual, expected)
    ? undefined
    : `${what} read back ${JSON.stringify(String(actual).slice(0, 60))}, stored ${JSON.stringify(String(expected).slice(0, 60))}`;

function probes(v: unknown): Probe[] {
  const text = typeof v === 'string';
  return [
    {
      name: 'sources:add',
      args: [{ type: 'report', title: v }],
      readBack: async (s) => (text ? same('source title', (await got('sources:get', (s as { id: string }).id)).title, v) : 'a non-string title was accepted'),
    },
    {
      name: 'facts:add',
      args: [{ text: v, sourceId }],
      readBack: async (f) =>
        text ? same('fact text', ((await got('facts:get', (f as { id: string }).id)).fact as { text: string }).text, v) : 'a non-string fact was accepted',
    },
    { name: 'facts:add', args: [{ text: 'A fact with a hostile source id.', sourceId: v }] },
    { name: 'facts:update', args: [factId, { notes: v }] },
    { name: 'facts:tag', args: [factId, [v]] },
    { name: 'facts:search', args: [{ text: v }] },
    { name: 'sources:list', args: [{ search: v }] },
    {
      name: 'briefings:update',
      args: [briefingId, { fields: { subject: v } }],
      readBack: async () => same('briefing subject', ((await got('briefings:get', briefingId)).fields as Record<string, string>).subject, String(v)),
    },
    {
      name: 'briefings:create',
      args: [{ title: v, templateId: 'info-memo' }],
      readBack: async (b) =>
        text ? same('briefing title', (await got('briefings:get', (b as { id: string }).id)).title, v) : 'a non-string title was accepted',
    },
    { name: 'sources:add', args: v },
    { name: 'facts:get', args: [v] },
    ...(text ? [{ name: v, args: [] }] : []),
  ];
}

describe('hostile values through the API dispatcher', () => {
  it(
    `answers each with an envelope, refuses without writing, stores what it accepts, exports a valid .docx${VALIDATOR_NOTE}`,
    { timeout: 300_000 },
    async () => {
      const values: Hostile[] = hostileValues();
      expect(values.length).toBeGreaterThanOrEqual(300);
      const problems: string[] = [];
      let calls = 0;
      let accepted = 0;
      const factIds: string[] = [];
      for (const h of values) {
        for (const p of probes(h.value)) {
          calls++;
          const where = `${JSON.stringify(p.name).slice(0, 60)}(${h.label})`;
          const before = changes();
          let r;
          try {
            r = await call(p.name, p.args);
          } catch (e) {
            problems.push(`${where}: threw ${(e as Error).message}`);
            continue;
          }
          if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') {
            problems.push(`${where}: not an envelope`);
          } else if (!r.ok) {
            if (r.error.code === 'internal') problems.push(`${where}: internal error: ${r.error.message.slice(0, 200)}`);
            if (r.error.message.includes('\n')) problems.push(`${where}: message is not one line`);
            if (changes() !== before) problems.push(`${where}: refused, but the library changed`);
          } else {
            accepted++;
            const back = await p.readBack?.(r.value);
            if (back) problems.push(`${where}: ${back}`);
            if (p.name === 'facts:add' && typeof h.value === 'string' && (r.value as { sourceId?: string }).sourceId === sourceId)
              factIds.push((r.value as { id: string }).id);
          }
        }
      }
      lib.db.pragma('wal_checkpoint(TRUNCATE)');
      const check = integrity(lib.path, { readonly: true });
      if (check !== 'ok') problems.push(`library integrity_check: ${check}`);

      // Every accepted hostile fact, and the hostile subject last set, in one exported memo.
      const added = await call('briefings:addItems', [briefingId, factIds.map((id) => ({ kind: 'fact', factId: id })), 'background']);
      if (!added.ok) problems.push(`briefings:addItems: ${added.error.message}`);
      const out = join(dir, 'out', 'hostile.docx');
      const exported = await call('briefings:export', [briefingId, { format: 'docx', out }]);
      if (!exported.ok) problems.push(`briefings:export: ${exported.error.code}: ${exported.error.message}`);
      else {
        const p = await exportedDocxProblem(out);
        if (p) problems.push(`exported .docx: ${p}`);
      }
      recordFigures('hostile values: API dispatcher', {
        tried: calls,
        survived: calls - problems.length,
        failed: problems.length,
        notes: { values: values.length, accepted, 'facts exported': factIds.length },
      });
      expect(problems).toEqual([]);
    },
  );
});
