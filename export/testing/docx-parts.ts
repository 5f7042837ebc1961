import { spawnSync } from 'node:child_process';
import { readZip } from '../docx/zip';

/** A .docx opened for assertions: its XML parts as text. Pure JS (our own zip reader). */
export interface OpenedDocx {
  names: string[];
  /** The part's XML, or '' when it is missing. */
  part(name: string): string;
  has(name: string): boolean;
  /** Every part whose name matches. */
  parts(pattern: RegExp): Array<{ name: string; xml: string }>;
}

export function openDocx(buf: Buffer): OpenedDocx {
  const entries = readZip(buf);
  const texts = new Map(entries.map((e) => [e.name, e.data.toString('utf8')]));
  return {
    names: entries.map((e) => e.name),
    part: (name) => texts.get(name) ?? '',
    has: (name) => texts.has(name),
    parts: (pattern) => [...texts].filter(([n]) => pattern.test(n)).map(([name, xml]) => ({ name, xml })),
  };
}

export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** The visible text of some WordprocessingML (w:t contents joined). */
export function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
}

/** The instruction text of every complex field, each joined from its w:instrText pieces. */
export function fieldInstructions(xml: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const m of xml.matchAll(/<w:fldChar\b[^>]*w:fldCharType="(begin|separate|end)"[^>]*\/>|<w:instrText(?:\s[^>]*)?>([\s\S]*?)<\/w:instrText>/g)) {
    if (m[1] === 'begin') current = '';
    else if (m[1] === 'separate' || m[1] === 'end') {
      if (current !== undefined) out.push(current);
      current = undefined;
    } else if (current !== undefined) current += decodeXml(m[2] ?? '');
  }
  return out;
}

/** The Zotero citation fields' instructions (not the bibliography field, PAGE …). */
export function citationFields(xml: string): string[] {
  return fieldInstructions(xml).filter((i) => i.includes('ZOTERO_ITEM'));
}

/** The `<w:p>` elements of a part. */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
}

export function count(xml: string, pattern: RegExp): number {
  return [...xml.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))].length;
}

/** Whether a command-line tool runs here (for tests that use LibreOffice, pandoc …). */
export function hasTool(command: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  return !r.error && r.status === 0;
}
