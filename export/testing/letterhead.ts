import { deflateSync } from 'node:zlib';
import { AlignmentType, Document, Footer, Header, ImageRun, Packer, Paragraph, PageNumber, Tab, TabStopType, TextRun } from 'docx';
import { crc32 } from '../docx/zip';

/**
 * A letterhead like one an office would keep: a seal and the ministry's name in the header, an
 * address line in the footer, its own body font (Arial 11), and {{placeholders}} where a
 * briefing goes. Built in code so the tests need no binary fixture.
 */

export const LETTERHEAD_NAME = 'MINISTRY OF EXAMPLE AFFAIRS';
export const LETTERHEAD_ADDRESS = '1 Example Street, Capital City 10001';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small round navy seal with a gold ring, as a PNG. */
function sealPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c) / c;
      const [r, g, b, a] =
        d > 1
          ? [0, 0, 0, 0]
          : d > 0.86
            ? [191, 155, 48, 255]
            : d > 0.8
              ? [255, 255, 255, 255]
              : d > 0.35 || Math.abs(x - c) < 4
                ? [20, 40, 90, 255]
                : [191, 155, 48, 255];
      row.writeUInt8(r, 1 + x * 4);
      row.writeUInt8(g, 2 + x * 4);
      row.writeUInt8(b, 3 + x * 4);
      row.writeUInt8(a, 4 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface LetterheadOptions {
  /** Leave out {{body}} to test the error. */
  withBody?: boolean;
  /** Put {{banner}} in the header and footer instead of letting Dossier add the banner. */
  withBannerPlaceholder?: boolean;
}

export async function buildLetterhead(options: LetterheadOptions = {}): Promise<Buffer> {
  const withBody = options.withBody ?? true;
  const field = (label: string, key: string) =>
    new Paragraph({
      tabStops: [{ type: TabStopType.LEFT, position: 1440 }],
      indent: { left: 1440, hanging: 1440 },
      spacing: { after: 200 },
      children: [new TextRun(`${label}:`), new TextRun({ children: [new Tab()] }), new TextRun(`{{${key}}}`)],
    });
  const bannerPara = () => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '{{banner}}', bold: true })] });
  const doc = new Document({
    creator: 'Example Ministry',
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2160, bottom: 1440, left: 1440, right: 1440, header: 432, footer: 432 } } },
        headers: {
          default: new Header({
            children: [
              ...(options.withBannerPlaceholder ? [bannerPara()] : []),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new ImageRun({
                    type: 'png',
                    data: sealPng(),
                    transformation: { width: 48, height: 48 },
                    altText: { name: 'Seal', description: 'Ministry seal', title: 'Seal' },
                  }),
                ],
              }),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: LETTERHEAD_NAME, bold: true, size: 26, color: '14285A' })] }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: LETTERHEAD_ADDRESS, size: 16, color: '555555' })] }),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })] }),
              ...(options.withBannerPlaceholder ? [bannerPara()] : []),
            ],
          }),
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '{{heading}}', bold: true })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [new TextRun('{{date}}')] }),
          field('FOR', 'for'),
          field('FROM', 'from'),
          field('SUBJECT', 'subject'),
          ...(withBody ? [new Paragraph({ children: [new TextRun('{{body}}')] })] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
