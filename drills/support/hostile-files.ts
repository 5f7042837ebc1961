import { Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** One document per importer, carrying a hostile value where that format puts text. */
export type Importer = 'text' | 'markdown' | 'html' | 'docx' | 'pdf' | 'bibtex' | 'ris' | 'csl-json';
export const IMPORTERS: Importer[] = ['text', 'markdown', 'html', 'docx', 'pdf', 'bibtex', 'ris', 'csl-json'];

const sentence = (v: string) => `The minister said ${v} on Friday at the port.`;

export async function hostileFile(kind: Importer, value: unknown): Promise<{ bytes: Uint8Array; fileName: string }> {
  const v = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (kind) {
    case 'text':
      return { bytes: enc(`${v}\n\n${sentence(v)} Inspections took four hours.\n`), fileName: 'hostile.txt' };
    case 'markdown':
      return { bytes: enc(`# ${v}\n\n${sentence(`**${v}**`)} See [${v}](${v}).\n\n- ${v}\n`), fileName: 'hostile.md' };
    case 'html':
      return {
        bytes: enc(
          `<!doctype html><html><head><title>${v}</title><meta name="author" content="${v}"></head><body><article><h1>${v}</h1><p>${sentence(v)}</p><p><a href="${v}">${v}</a></p></article></body></html>`,
        ),
        fileName: 'hostile.html',
      };
    case 'docx': {
      // The docx library writes what it is given; controls it cannot write are its refusal, not ours.
      const doc = new Document({
        title: v,
        creator: v,
        subject: v,
        sections: [{ children: [new Paragraph({ children: [new TextRun(sentence(v))] }), new Paragraph(v)] }],
      });
      return { bytes: new Uint8Array(await Packer.toBuffer(doc)), fileName: 'hostile.docx' };
    }
    case 'pdf': {
      // Metadata carries any Unicode; the page's standard font only WinAnsi, so the body gets what it can show.
      const pdf = await PDFDocument.create();
      pdf.setTitle(v);
      pdf.setAuthor(v);
      pdf.setSubject(v);
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      const page = pdf.addPage([612, 792]);
      const shown = sentence(v)
        .replace(/[^\x20-\x7e]/g, '?')
        .slice(0, 90);
      page.drawText(shown, { x: 50, y: 700, size: 10, font });
      page.drawText('Inspections took four hours on average, the port authority said.', { x: 50, y: 680, size: 10, font });
      return { bytes: await pdf.save(), fileName: 'hostile.pdf' };
    }
    case 'bibtex':
      return {
        bytes: enc(`@article{hostile,\n  title = {${v}},\n  author = {${v} and Okafor, Ada},\n  journal = {${v}},\n  year = {2024},\n  url = {${v}}\n}\n`),
        fileName: 'hostile.bib',
      };
    case 'ris':
      return { bytes: enc(`TY  - JOUR\nTI  - ${v}\nAU  - ${v}\nJO  - ${v}\nPY  - 2024\nUR  - ${v}\nER  - \n`), fileName: 'hostile.ris' };
    case 'csl-json':
      // The one importer whose input carries types: the value goes in as it is, whatever its type.
      return {
        bytes: enc(
          JSON.stringify([
            {
              id: 'hostile',
              type: 'article-journal',
              title: value,
              author: [{ family: value, given: 'Ada' }],
              'container-title': value,
              issued: { 'date-parts': [[2024]] },
              URL: value,
            },
          ]),
        ),
        fileName: 'hostile.json',
      };
  }
}
