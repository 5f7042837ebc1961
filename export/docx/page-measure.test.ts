import { describe, expect, it } from 'vitest';
import infoMemoJson from '../../templates/builtin/info-memo.json';
import type { Block, ResolvedDocument } from '../document';
import { parseTemplate } from '../template/load';
import type { Template } from '../template/types';
import { infoMemo } from '../testing/fixtures';
import { textWidth, wrap } from './line-wrap';
import { measurePages } from './page-measure';

/** The info memo template with some of its settings changed, as a user template would. */
function template(change: (json: typeof infoMemoJson) => void): Template {
  const json = JSON.parse(JSON.stringify(infoMemoJson)) as typeof infoMemoJson;
  change(json);
  return parseTemplate(json, 'test.json', 'user');
}

const bullet = (text: string): Block => ({ kind: 'bullet', inlines: [{ type: 'text', run: { text } }] });

function memo(n: number): ResolvedDocument {
  const doc = infoMemo();
  doc.sections[1].blocks.push(
    ...Array.from({ length: n }, (_, i) => bullet(`Point ${i + 1}: the corridor carried more grain this quarter than last, and the ports report queues.`)),
  );
  return doc;
}

describe('page measure', () => {
  it('wraps at spaces by the font’s widths, and breaks a word longer than the line', () => {
    const font = { family: 'Times New Roman', size: 12 };
    // "m" is 0.778 em in Times New Roman, "i" 0.278: 20 of each at 12 pt.
    expect(textWidth('m'.repeat(20), font)).toBeCloseTo(186.7, 0);
    expect(textWidth('i'.repeat(20), font)).toBeCloseTo(66.7, 0);
    const words = Array.from({ length: 30 }, () => 'grain').join(' ');
    expect(wrap([{ text: words, font }], 468, 468).lines).toBe(2);
    expect(wrap([{ text: words, font }], 100, 100).lines).toBeGreaterThan(6);
    expect(wrap([{ text: 'x'.repeat(1000), font }], 468, 468).lines).toBe(Math.ceil(textWidth('x'.repeat(1000), font) / 468));
  });

  it('follows the template: wider fonts, double spacing and a smaller page take more pages', () => {
    const doc = memo(12);
    const base = measurePages(
      doc,
      template(() => {}),
    ).length;
    const arial = measurePages(
      doc,
      template((t) => {
        t.fonts.body.family = 'Arial';
      }),
    ).length;
    const double = measurePages(
      doc,
      template((t) => {
        Object.assign(t.styles.bullet, { lineSpacing: 2 });
      }),
    ).length;
    const margins = measurePages(
      doc,
      template((t) => {
        t.page.margins = { ...t.page.margins, left: 2, right: 2 };
      }),
    ).length;
    expect(arial).toBeGreaterThan(base * 1.05);
    expect(double).toBeGreaterThan(base * 1.3);
    expect(margins).toBeGreaterThan(base * 1.2);
  });

  it('measures a font it has no widths for as Times New Roman, and a metric-compatible one as the font it matches', () => {
    const doc = memo(8);
    const times = measurePages(
      doc,
      template(() => {}),
    ).length;
    const named = (family: string) =>
      measurePages(
        doc,
        template((t) => {
          t.fonts.body.family = family;
        }),
      ).length;
    expect(named('Garamond')).toBe(times);
    expect(named('Liberation Sans')).toBe(named('Arial'));
  });

  it('puts footnotes on the page of their reference: notes make a memo longer', () => {
    const plain = memo(10);
    const noted = memo(10);
    noted.sections[1].blocks.forEach((b, i) =>
      b.inlines.push({
        type: 'note',
        noteNumber: 100 + i,
        runs: [{ text: 'Ministry of Infrastructure, weekly port bulletin, berth queues and waiting times.' }],
        field: { instruction: '' },
        clusterId: `x${i}`,
      }),
    );
    expect(
      measurePages(
        noted,
        template(() => {}),
      ).length,
    ).toBeGreaterThan(
      measurePages(
        plain,
        template(() => {}),
      ).length + 0.1,
    );
  });
});
