import { Paragraph } from 'docx';
import type { ResolvedDocument } from '../document';
import type { Template } from '../template/types';
import { sanitizeXmlText } from '../xml-text';
import { textRuns } from './runs';
import { pointTwips, styleId } from './styles';

/**
 * The first-page marking block — "Classified By: / Derived From: / Declassify On:" or the CUI
 * designation indicator — written as plain paragraphs right after the memo header, so it
 * lands on the first page in Word and LibreOffice alike (a floating frame at the foot of the
 * page does not survive every reader). Held together so a page break cannot split it.
 */
export function markingBlockParagraphs(doc: ResolvedDocument, template: Template): Paragraph[] {
  const lines = (doc.markingBlock?.lines ?? []).filter((l) => l.value.trim());
  return lines.map(
    (l, i) =>
      new Paragraph({
        style: styleId(template, 'closing'),
        keepNext: i < lines.length - 1,
        keepLines: true,
        spacing: { before: i === 0 ? pointTwips(6) : 0, after: i === lines.length - 1 ? pointTwips(12) : 0 },
        children: textRuns(`${sanitizeXmlText(l.label).trim()}: ${sanitizeXmlText(l.value).trim()}`),
      }),
  );
}

/** The sources behind "Derived From: Multiple Sources", listed at the end of the document. */
export function derivationSourceParagraphs(doc: ResolvedDocument, template: Template): Paragraph[] {
  const list = doc.derivationSources;
  if (!list || list.entries.length === 0) return [];
  return [
    new Paragraph({ style: styleId(template, 'sourcesHeading'), children: textRuns(sanitizeXmlText(list.heading).trim()) }),
    ...list.entries.map((e) => new Paragraph({ style: styleId(template, 'sourcesEntry'), children: textRuns(sanitizeXmlText(e).trim()) })),
  ];
}
