/**
 * Hostile values for the drills, generated from classes of trouble (issue 10 §7): controls,
 * lone surrogates, bidi and zero-width characters, 100k-character strings, markup, SQL and FTS
 * syntax, formula injection, path traversal, reserved Windows names, numbers that are not, wrong
 * types and prototype-pollution keys. Strings come both alone and inside an ordinary sentence.
 */
export interface Hostile {
  /** The class and a short label, for messages. */
  label: string;
  value: unknown;
}

const hex = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0085'];
const SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800'];
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', '\u00AD'];
const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</w:t></w:r></w:p><w:p><w:r><w:t>injected',
  ']]><!--',
  '<!DOCTYPE x [<!ENTITY a "b">]>&a;',
  '&amp;&lt;&#0;&#x1F;',
  'javascript:alert(1)',
  '<?xml version="1.0"?>',
  '{{7*7}}${process.exit(1)}',
  '<a href="vbscript:x">link</a>',
];
const SQLISH = [
  "'; DROP TABLE facts; --",
  '" OR 1=1 --',
  "\\'",
  '%',
  '_',
  'NULL',
  "'||(SELECT 1)||'",
  '*',
  '"unbalanced',
  'NEAR(',
  'a OR',
  '-',
  '^x',
  'fact_search:x',
];
const FORMULA = ["=cmd|' /C calc'!A0", '+1+1', '-1-1', '@SUM(1)', '=HYPERLINK("http://x","y")', '\t=1'];
const PATHS = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'C:\\Windows', '\\\\server\\share', 'file:///etc/passwd', './', '..'];
const WINDOWS = ['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'LPT1', 'con.txt', 'name.', 'name ', 'a:b', 'a*b?c', '<>|"'];
const NUMBERS = ['1e308', '9007199254740993', '-0', '1'.repeat(400), '0x10', '1e-400', 'NaN', 'Infinity', '-Infinity'];
const PROTO = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
const SCRIPTS = [
  '👨‍👩‍👧‍👦🇺🇦',
  '中文字符测试',
  'العربية مع أرقام ١٢٣',
  '한국어 텍스트',
  '𝕳𝖊𝖑𝖑𝖔 𝟙𝟚𝟛',
  '\uFFFE\uFFFF',
  '\uE000\uF8FF',
  '\uFFFD',
  'line\u2028separator\u2029paragraph',
  'crlf\r\nline',
  'lone\rreturn',
  'tab\there',
  'e\u0301\u0302\u0303\u0304',
  '\u{10FFFF}\u{E0001}',
  'ﷺ﷽',
];
const BLANK = [' ', '\t\n', '\u3000', ''];

function longStrings(): Hostile[] {
  return [
    { label: 'long: 100k letters, no space', value: 'a'.repeat(100_000) },
    { label: 'long: 100k chars of words', value: 'grain corridor '.repeat(6_667).slice(0, 100_000) },
    { label: 'long: 50k emoji', value: '🌾'.repeat(50_000) },
    { label: 'long: 100k combining marks on one base', value: 'e' + '\u0301'.repeat(99_999) },
    { label: 'long: 100k RTL without space', value: 'ع'.repeat(100_000) },
  ];
}

/** Wrong types where strings are expected (only the API and JSON importers can carry them). */
function wrongTypes(): Hostile[] {
  return [
    { label: 'type: null', value: null },
    { label: 'type: undefined', value: undefined },
    { label: 'type: 0', value: 0 },
    { label: 'type: -1', value: -1 },
    { label: 'type: NaN', value: NaN },
    { label: 'type: Infinity', value: Infinity },
    { label: 'type: -Infinity', value: -Infinity },
    { label: 'type: 1e308', value: 1e308 },
    { label: 'type: true', value: true },
    { label: 'type: {}', value: {} },
    { label: 'type: []', value: [] },
    { label: 'type: ["a"]', value: ['a'] },
    { label: 'type: __proto__ object', value: JSON.parse('{"__proto__":{"polluted":true},"title":"x"}') },
    { label: 'type: constructor.prototype object', value: JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') },
    { label: 'type: null-prototype object', value: Object.create(null) },
    { label: 'type: Date', value: new Date(0) },
    { label: 'type: nested arrays', value: [[[[[[['deep']]]]]]] },
  ];
}

/** Every hostile string, alone and inside a sentence. */
export function hostileStrings(): Hostile[] {
  const classes: [string, string[]][] = [
    ['control', CONTROLS],
    ['lone surrogate', SURROGATES],
    ['bidi', BIDI],
    ['zero-width', ZERO_WIDTH],
    ['markup', MARKUP],
    ['sql/fts', SQLISH],
    ['formula', FORMULA],
    ['path', PATHS],
    ['windows name', WINDOWS],
    ['number', NUMBERS],
    ['prototype key', PROTO],
    ['script', SCRIPTS],
    ['blank', BLANK],
  ];
  const out: Hostile[] = [];
  for (const [name, values] of classes) {
    for (const v of values) {
      const shown = v.length <= 12 && /[^\x21-\x7e]/.test(v) ? hex(v) : JSON.stringify(v.slice(0, 40));
      out.push({ label: `${name}: ${shown}`, value: v });
      out.push({ label: `${name} in a sentence: ${shown}`, value: `The minister said ${v} on Friday at the port.` });
    }
  }
  return [...out, ...longStrings()];
}

/** Everything: strings and wrong types. */
export function hostileValues(): Hostile[] {
  return [...hostileStrings(), ...wrongTypes()];
}

/**
 * What the core may keep of a text it accepts: the text trimmed (core/validate.ts), and a lone
 * surrogate (which UTF-8 cannot hold) at most replaced by one U+FFFD.
 */
const stored = (v: string) => v.trim();
const wellFormed = (v: string) => v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
export const storedAs = (actual: unknown, v: string) => actual === v || actual === stored(v) || actual === stored(wellFormed(v));
