import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/**
 * A government statement as ministries circulate them: a title, headings, numbered-style body
 * paragraphs, a bulleted list, a footnote, and core document properties. Written for these tests.
 */
export const STATEMENT = {
  title: 'Statement on the Northern Basin Fisheries Agreement',
  creator: 'Ministry of Maritime Affairs',
  subject: 'Government response to the Valletta communiqué',
  keywords: 'fisheries; quotas; Valletta',
  paragraphs: [
    'The Government welcomes the agreement reached by the coastal states in Valletta and will present the ratification bill to Parliament before the summer recess.',
    'The Ministry estimates that 1,200 vessels registered in our ports will be affected by the reduced cod quota.',
    'A compensation scheme for owners of vessels under twelve metres will open for applications in September.',
  ],
  bullets: ['Ratification bill: June', 'Compensation scheme: September'],
  footnote: 'Joint communiqué of the coastal states, Valletta, 12 March 2024, paragraph 4.',
};

export async function buildStatementDocx(): Promise<Uint8Array> {
  const s = STATEMENT;
  const doc = new Document({
    title: s.title,
    creator: s.creator,
    subject: s.subject,
    keywords: s.keywords,
    description: 'Press statement',
    footnotes: { 1: { children: [new Paragraph(s.footnote)] } },
    sections: [
      {
        children: [
          new Paragraph({ text: s.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Background', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun(s.paragraphs[0]), new FootnoteReferenceRun(1)] }),
          new Paragraph(s.paragraphs[1]),
          new Paragraph({ text: 'Next steps', heading: HeadingLevel.HEADING_1 }),
          ...s.bullets.map((b) => new Paragraph({ text: b, bullet: { level: 0 } })),
          new Paragraph(s.paragraphs[2]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
