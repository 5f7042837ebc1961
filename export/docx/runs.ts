import { Tab, TextRun, type IRunOptions } from 'docx';
import type { Run } from '../document';
import { firstStrongDirection, sanitizeXmlText, splitByDirection } from '../xml-text';

export type RunFormat = Omit<IRunOptions, 'children' | 'text' | 'break'>;

/**
 * Runs for a piece of text: illegal XML characters removed, line breaks and tabs turned into
 * Word's own elements, and right-to-left stretches (Arabic, Hebrew …) put in runs of their own
 * marked `w:rtl`, so Word orders them correctly inside a left-to-right memo.
 */
export function textRuns(text: string, format: RunFormat = {}): TextRun[] {
  const clean = sanitizeXmlText(text).replace(/\r\n?/g, '\n');
  const out: TextRun[] = [];
  clean.split('\n').forEach((line, lineIndex) => {
    if (lineIndex > 0) out.push(new TextRun({ ...format, break: 1 }));
    line.split('\t').forEach((part, partIndex) => {
      if (partIndex > 0) out.push(new TextRun({ ...format, children: [new Tab()] }));
      for (const seg of splitByDirection(part)) {
        out.push(new TextRun({ ...format, ...(seg.rtl ? { rightToLeft: true } : {}), text: seg.text }));
      }
    });
  });
  return out;
}

/** The formatting a citation run (or author prose) carries, as docx run options. */
export function runFormat(run: Run, base: RunFormat = {}): RunFormat {
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
