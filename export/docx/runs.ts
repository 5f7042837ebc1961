import { Tab, TextRun, type IRunOptions } from 'docx';
import type { Run } from '../document';
import { firstStrongDirection, sanitizeXmlText, splitByDirection } from '../xml-text';

export type RunFormat = Omit<IRunOptions, 'children' | 'text' | 'break'>;

/** What one Word run holds: text in one direction, a line break, or a tab. */
export type RunPiece = { kind: 'text'; text: string; rtl: boolean } | { kind: 'break' } | { kind: 'tab' };

/**
 * The pieces a piece of text becomes in Word: illegal XML characters removed, line breaks and
 * tabs turned into Word's own elements, and right-to-left stretches (Arabic, Hebrew …) kept
 * apart so their runs can be marked `w:rtl` and Word orders them correctly inside a
 * left-to-right memo. Both writers (docx objects and the direct note writer) use this.
 */
export function runPieces(text: string): RunPiece[] {
  const clean = sanitizeXmlText(text).replace(/\r\n?/g, '\n');
  const out: RunPiece[] = [];
  clean.split('\n').forEach((line, lineIndex) => {
    if (lineIndex > 0) out.push({ kind: 'break' });
    line.split('\t').forEach((part, partIndex) => {
      if (partIndex > 0) out.push({ kind: 'tab' });
      for (const seg of splitByDirection(part)) out.push({ kind: 'text', text: seg.text, rtl: seg.rtl });
    });
  });
  return out;
}

/** docx runs for a piece of text (see runPieces). */
export function textRuns(text: string, format: RunFormat = {}): TextRun[] {
  return runPieces(text).map((p) => {
    if (p.kind === 'break') return new TextRun({ ...format, break: 1 });
    if (p.kind === 'tab') return new TextRun({ ...format, children: [new Tab()] });
    return new TextRun({ ...format, ...(p.rtl ? { rightToLeft: true } : {}), text: p.text });
  });
}

/** The formatting a citation run (or author prose) carries, as docx run options. */
function runFormat(run: Run, base: RunFormat = {}): RunFormat {
  return {
    ...base,
    ...(run.bold ? { bold: true } : {}),
    ...(run.italic ? { italics: true } : {}),
    ...(run.smallCaps ? { smallCaps: true } : {}),
    ...(run.superscript ? { superScript: true } : {}),
    ...(run.subscript ? { subScript: true } : {}),
  };
}

/** Word runs for a list of formatted runs. */
export function formattedRuns(runs: readonly Run[], base: RunFormat = {}): TextRun[] {
  return runs.flatMap((r) => textRuns(r.text, runFormat(r, base)));
}

/** Whether a paragraph made of these texts reads right to left (its first strong letter is RTL). */
export function isRtlParagraph(texts: readonly string[]): boolean {
  return firstStrongDirection(texts.join('')) === 'rtl';
}
