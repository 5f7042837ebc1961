/**
 * citeproc-js's `html` output → formatted text runs (what a Word exporter or a UI needs).
 *
 * This is not a general HTML parser. citeproc's html format is tiny and fixed: <i>, <em>,
 * <b>, <sup>, <sub>, <span style="..."> for small caps, underline and the "flip-flop"
 * resets (font-style:normal inside italics...), <div class="csl-..."> in bibliographies,
 * optional <a href> around URLs, and text escaped as numeric entities (&#38;). Item text
 * (titles, names) always arrives escaped, so any "<" here is citeproc's own markup.
 */

export interface Run {
  text: string;
  italic?: boolean;
  bold?: boolean;
  smallCaps?: boolean;
  superscript?: boolean;
  subscript?: boolean;
  /** Only from styles that ask for underlining (e.g. MLA 7th "underline" variant). */
  underline?: boolean;
}

type Flag = 'italic' | 'bold' | 'smallCaps' | 'superscript' | 'subscript' | 'underline';
const FLAGS: readonly Flag[] = ['italic', 'bold', 'smallCaps', 'underline', 'superscript', 'subscript'];

type Format = Partial<Record<Flag, boolean>>;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  hellip: '\u2026',
  thinsp: '\u2009',
  shy: '\u00ad',
};

/** Decodes entities in one pass, so "&#38;amp;" (a literal "&amp;" in a title) stays "&amp;". */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Formatting set by a span's style attribute; false entries switch a flag off (flip-flop). */
function spanFormat(attrs: string): Format {
  const style = /\bstyle\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? /\bstyle\s*=\s*'([^']*)'/i.exec(attrs)?.[1] ?? '';
  const f: Format = {};
  for (const decl of style.split(';')) {
    const [rawProp, rawValue] = decl.split(':');
    const prop = (rawProp ?? '').trim().toLowerCase();
    const value = (rawValue ?? '').trim().toLowerCase();
    if (prop === 'font-style') f.italic = value === 'italic' || value === 'oblique';
    else if (prop === 'font-weight') f.bold = value === 'bold' || Number(value) >= 600;
    else if (prop === 'font-variant') f.smallCaps = value === 'small-caps';
    else if (prop === 'text-decoration') f.underline = value.includes('underline');
    else if (prop === 'vertical-align' || prop === 'baseline') {
      // citeproc writes vertical-align="baseline" as style="baseline"
      f.superscript = value === 'super' || value === 'sup';
      f.subscript = value === 'sub';
    }
  }
  return f;
}

function sameFormat(a: Run, b: Run): boolean {
  for (const k of FLAGS) if (!!a[k] !== !!b[k]) return false;
  return true;
}

interface OpenTag {
  tag: string;
  format: Format;
  /** A bibliography block (csl-entry, csl-indent...) vs inline or margin divs. */
  block: 'block' | 'left-margin' | 'inline' | null;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^<>]*?)?)\s*(\/?)>/y;

/**
 * Parses citeproc html into runs. Adjacent runs with equal formatting are merged, nested
 * formatting is combined, and block structure becomes text: a line break between
 * bibliography blocks or at <br>, a tab after a numeric label (csl-left-margin).
 */
export function htmlToRuns(html: string): Run[] {
  const runs: Run[] = [];
  const stack: OpenTag[] = [];
  let current: Format = {};
  let pendingSeparator: '' | '\n' | '\t' = '';

  const emit = (text: string, format: Format) => {
    if (!text) return;
    const run: Run = { text };
    for (const k of FLAGS) if (format[k]) run[k] = true;
    const last = runs[runs.length - 1];
    if (last && sameFormat(last, run)) last.text += text;
    else runs.push(run);
  };
  const addText = (raw: string) => {
    // Whitespace that only lays out citeproc's bibliography markup ("\n  <div ...") is not content.
    if (/^\s*$/.test(raw) && /[\n\r]/.test(raw)) return;
    const text = decodeEntities(raw);
    if (!text) return;
    if (pendingSeparator && runs.length) emit(pendingSeparator, {});
    pendingSeparator = '';
    emit(text, current);
  };
  const recompute = () => {
    current = {};
    for (const o of stack) Object.assign(current, o.format);
  };

  let i = 0;
  let textStart = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      i = lt + 1; // a "<" that is not a tag: plain text
      continue;
    }
    if (lt > textStart) addText(html.slice(textStart, lt));
    i = textStart = TAG.lastIndex;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = m[3] ?? '';
    const selfClosing = m[4] === '/' || tag === 'br';

    if (tag === 'br') {
      if (runs.length) emit('\n', {});
      pendingSeparator = '';
      continue;
    }
    if (closing) {
      let at = stack.length - 1;
      while (at >= 0 && stack[at].tag !== tag) at--;
      if (at < 0) continue; // stray closing tag: ignore
      const closed = stack.splice(at)[0];
      if (closed.block === 'block') pendingSeparator = '\n';
      else if (closed.block === 'left-margin') pendingSeparator = '\t';
      recompute();
      continue;
    }
    if (selfClosing) continue;
    const open: OpenTag = { tag, format: {}, block: null };
    switch (tag) {
      case 'i':
      case 'em':
        open.format = { italic: true };
        break;
      case 'b':
      case 'strong':
        open.format = { bold: true };
        break;
      case 'sup':
        open.format = { superscript: true, subscript: false };
        break;
      case 'sub':
        open.format = { subscript: true, superscript: false };
        break;
      case 'u':
        open.format = { underline: true };
        break;
      case 'span':
        open.format = spanFormat(attrs);
        break;
      case 'div': {
        const cls = /\bclass\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? '';
        open.block = /\bcsl-left-margin\b/.test(cls) ? 'left-margin' : /\bcsl-right-inline\b/.test(cls) ? 'inline' : 'block';
        if (open.block !== 'inline' && runs.length) pendingSeparator = '\n';
        break;
      }
      default:
        break; // <a href>, unknown tags: keep their text, drop the markup
    }
    stack.push(open);
    recompute();
  }
  if (textStart < html.length) addText(html.slice(textStart));
  return runs;
}

export function runsToPlain(runs: readonly Run[]): string {
  let s = '';
  for (const r of runs) s += r.text;
  return s;
}

/** Backslash-escapes characters Markdown (CommonMark/pandoc) would read as markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~^|$]/g, '\\$&')
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&')
    .replace(
      /(^|\n)([ \t]*)([#+-]|\d+[.)])(?=\s|$)/g,
      (_m, start: string, indent: string, marker: string) => `${start}${indent}${marker.replace(/^([#+-])$/, '\\$1').replace(/^(\d+)([.)])$/, '$1\\$2')}`,
    );
}

const MARKERS: Record<Flag, [string, string]> = {
  italic: ['*', '*'],
  bold: ['**', '**'],
  smallCaps: ['[', ']{.smallcaps}'],
  underline: ['[', ']{.underline}'],
  superscript: ['^', '^'],
  subscript: ['~', '~'],
};

/** Markdown of runs that all lack flags before `level` in FLAGS. */
function markdownOf(runs: readonly Run[], level: number): string {
  if (level >= FLAGS.length) return runs.map((r) => escapeMarkdown(r.text)).join('');
  const flag = FLAGS[level];
  let out = '';
  let i = 0;
  while (i < runs.length) {
    let j = i;
    const on = !!runs[i][flag];
    while (j < runs.length && !!runs[j][flag] === on) j++;
    const group = runs.slice(i, j);
    if (!on) {
      out += markdownOf(group, level + 1);
    } else {
      let inner = markdownOf(group, level + 1);
      if (flag === 'superscript' || flag === 'subscript') inner = inner.replace(/ /g, '\\ ');
      // Emphasis may not start or end with whitespace: move it outside the markers.
      // trimStart/trimEnd: what \s matches, in linear time (/\s*$/ is quadratic on a long run of spaces).
      const core = inner.trim();
      const lead = inner.slice(0, inner.length - inner.trimStart().length);
      const trail = inner.slice(lead.length + core.length);
      out += core ? `${lead}${MARKERS[flag][0]}${core}${MARKERS[flag][1]}${trail}` : inner;
    }
    i = j;
  }
  return out;
}

/**
 * Runs as (pandoc-flavoured) Markdown: *italic*, **bold**, ^sup^, ~sub~,
 * [small caps]{.smallcaps}; text escaped so titles containing * or [ stay literal.
 */
export function runsToMarkdown(runs: readonly Run[]): string {
  return markdownOf(runs, 0);
}
