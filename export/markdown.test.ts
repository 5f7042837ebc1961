import { describe, expect, it } from 'vitest';
import type { ResolvedDocument } from './document';
import { escapeMarkdown, renderMarkdown, runsMarkdown } from './markdown';
import { getTemplate } from './template/load';
import { actionMemo, HOSTILE, hostileDoc, infoMemo, noteCount, t, talkingPoints } from './testing/fixtures';

describe('renderMarkdown', () => {
  it('writes pandoc footnotes: [^n] in the text and [^n]: definitions with italics', () => {
    const doc = infoMemo();
    const md = renderMarkdown(doc, getTemplate('info-memo'));
    for (let n = 1; n <= noteCount(doc); n++) {
      expect(md).toContain(`[^${n}]`);
      expect(md).toMatch(new RegExp(`^\\[\\^${n}\\]: `, 'm'));
    }
    expect(md).toContain('[^2]: Food and Agriculture Organization, *Black Sea Grain Shipments: Quarterly Review* (Rome: FAO, 2024), 12.');
    expect(md).toContain('[^5]: *Ibid.*, 91.');
    expect(md).toContain('shipping security.[^1]');
  });

  it('writes the banner first and last, the title, date and header block', () => {
    const md = renderMarkdown(infoMemo(), getTemplate('info-memo'));
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('**UNCLASSIFIED**');
    expect(lines.at(-1)).toBe('**UNCLASSIFIED**');
    expect(md).toContain(
      '# INFO MEMO\n\nMarch 3, 2025\n\n**FOR:** SECRETARY OF STATE\\\n**FROM:** Jane Doe, Director, Office of Global Food Security\\\n**SUBJECT:** (U) Black Sea Grain Corridor After the Ceasefire Talks',
    );
  });

  it('writes sections: run-in headings, bullets as a list, portion marks escaped from list syntax', () => {
    const md = renderMarkdown(infoMemo(), getTemplate('info-memo'));
    expect(md).toContain('\\(U) **BLUF:** Grain exports');
    expect(md).toMatch(/^- \\\(U\) Shipments through the corridor/m);
    expect(md).toContain('berths at Chornomorsk run at **92 %** of capacity.[^4]');
    expect(md).toContain('\\(U) **COORDINATION:** None.');
    expect(md).toContain('Attachments: As stated\\\nPrepared by: Jane Doe');
    expect(md).toContain('## Sources\n\nFood and Agriculture Organization. *Black Sea Grain Shipments: Quarterly Review*. Rome: FAO, November 2024.');
  });

  it('places the decision block after the recommendation', () => {
    const md = renderMarkdown(actionMemo(), getTemplate('action-memo'));
    const rec = md.indexOf('**RECOMMENDATION:**');
    const decision = md.indexOf('**DECISION:**');
    const coord = md.indexOf('**COORDINATION:**');
    expect(rec).toBeGreaterThan(0);
    expect(decision).toBeGreaterThan(rec);
    expect(coord).toBeGreaterThan(decision);
    expect(md).toContain('*Decision requested by March 10, 2025*');
    expect(md).toContain('Approve \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\\nDisapprove');
    expect(md).toContain('Derived From: Multiple Sources');
    // The same without a template: built-in conventions.
    expect(renderMarkdown(actionMemo())).toBe(md);
  });

  it('escapes Markdown specials in library text', () => {
    expect(escapeMarkdown('a*b_c [d](e) `f` <g> #h |i| ~j~ ^k^ $l @m & n \\')).toBe(
      'a\\*b\\_c \\[d\\](e) \\`f\\` \\<g\\> \\#h \\|i\\| \\~j\\~ \\^k\\^ \\$l \\@m \\& n \\\\',
    );
    const doc: ResolvedDocument = {
      ...infoMemo(),
      sections: [
        {
          key: 'discussion',
          heading: 'Discussion',
          showHeading: true,
          blocks: [
            { kind: 'paragraph', inlines: [t('- not a list')] },
            { kind: 'paragraph', inlines: [t('1. not numbered')] },
            { kind: 'paragraph', inlines: [t('A. not lettered')] },
            { kind: 'paragraph', inlines: [t('# not a heading')] },
            { kind: 'paragraph', inlines: [t('> not a quote')] },
          ],
        },
      ],
    };
    const md = renderMarkdown(doc);
    expect(md).toContain('\n\\- not a list\n');
    expect(md).toContain('\n1\\. not numbered\n');
    expect(md).toContain('\nA\\. not lettered\n');
    expect(md).toContain('\n\\# not a heading\n');
    expect(md).toContain('\n\\> not a quote\n');
  });

  it('formats runs: italics and bold outside spaces, small caps, superscript', () => {
    expect(runsMarkdown([{ text: 'See ' }, { text: ' Title ', italic: true }, { text: 'here' }])).toBe('See  *Title* here');
    expect(
      runsMarkdown([
        { text: 'a', italic: true },
        { text: 'b', italic: true },
      ]),
    ).toBe('*ab*');
    expect(runsMarkdown([{ text: 'Name', smallCaps: true }])).toBe('[Name]{.smallcaps}');
    expect(runsMarkdown([{ text: '2 nd', superscript: true }])).toBe('^2\\ nd^');
    expect(runsMarkdown([{ text: 'x', bold: true, italic: true }])).toBe('***x***');
  });

  it('keeps non-Latin text, drops control characters, and shows in-text citations as text', () => {
    const md = renderMarkdown(hostileDoc());
    for (const s of [HOSTILE.korean, HOSTILE.arabic, HOSTILE.emoji]) expect(md).toContain(s);
    expect(md).toContain(`*${HOSTILE.combining}*`);
    expect(md).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(md).toContain('Tom \\& Jerry \\<script\\>alert(1)\\</script\\> a \\> b (Lee 2024, 88)');
    expect(md).not.toContain('[^');
  });

  it('writes endnote documents as footnotes too', () => {
    const md = renderMarkdown(talkingPoints(), getTemplate('talking-points'));
    expect(md).toContain('- **Volumes:** Corridor shipments are back to 4.1 million tonnes a quarter.[^1]');
    expect(md).toContain('[^2]: Ada Okafor');
  });
});
