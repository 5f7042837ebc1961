import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type HtmlParser, htmlToText } from './html-to-text';
import { applyRange, parseAuthors, selectionString } from './selection';

const parser = new DOMParser() as unknown as HtmlParser;

describe('htmlToText', () => {
  it('keeps text and paragraph breaks, drops markup', () => {
    const html = '<h1>Grain corridor</h1><p>Ships left <b>Odesa</b> on Jan. 18.</p><p>Talks resume.<br>Next line.</p>';
    expect(htmlToText(html, parser)).toBe('Grain corridor\n\nShips left Odesa on Jan. 18.\n\nTalks resume.\nNext line.');
  });

  it('never keeps scripts, styles or handlers, and shows tags written as text literally', () => {
    const html =
      '<p onclick="x()">Hello<script>window.__pwned=1</script><style>p{}</style> &lt;img src=x onerror=alert(1)&gt;</p><img src=x onerror="window.__pwned=1">';
    const text = htmlToText(html, parser);
    expect(text).toBe('Hello <img src=x onerror=alert(1)>');
  });

  it('keeps the words of a link whatever its address (javascript:, vbscript:, data:), never the address', () => {
    for (const href of ['javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>']) {
      const html = `<p>The ministry confirmed the <a href="${href}" onclick="alert(2)"><b>port</b></a> will stay open.</p>`;
      expect(htmlToText(html, parser)).toBe('The ministry confirmed the port will stay open.');
    }
  });

  it('turns list items into bullets', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>', parser)).toBe('- one\n- two');
  });
});

describe('selectionString', () => {
  it('compresses runs', () => {
    expect(selectionString([5, 1, 2, 3, 7, 9, 8])).toBe('1-3,5,7-9');
    expect(selectionString([4])).toBe('4');
    expect(selectionString([])).toBe('none');
  });
});

describe('applyRange', () => {
  it('sets every number between anchor and click', () => {
    expect([...applyRange(new Set([1, 2, 3, 4, 5]), 2, 4, false)].sort()).toEqual([1, 5]);
    expect([...applyRange(new Set([1]), 5, 3, true)].sort()).toEqual([1, 3, 4, 5]);
  });
});

describe('parseAuthors', () => {
  it('reads persons and institutions', () => {
    expect(parseAuthors('Okafor, Adaeze; Institute for Trade Studies; Lee,')).toEqual([
      { family: 'Okafor', given: 'Adaeze' },
      { literal: 'Institute for Trade Studies' },
      { family: 'Lee' },
    ]);
  });
});
