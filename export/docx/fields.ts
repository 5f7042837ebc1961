import { BuilderElement, TextRun, XmlAttributeComponent, XmlComponent, type IRunOptions } from 'docx';
import { sanitizeXmlText } from '../xml-text';

/**
 * Word complex fields built by hand: `docx` writes PAGE without a result and has no way to
 * wrap arbitrary runs (a citation) in a field, so the field characters and the instruction
 * text are written as elements of our own inside ordinary runs:
 *
 *   <w:r><w:fldChar w:fldCharType="begin"/></w:r>
 *   <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
 *   <w:r><w:fldChar w:fldCharType="separate"/></w:r>
 *   …result runs (what a reader that does not update fields shows)…
 *   <w:r><w:fldChar w:fldCharType="end"/></w:r>
 */

class PreserveSpace extends XmlAttributeComponent<{ space: 'preserve' }> {
  protected override readonly xmlKeys = { space: 'xml:space' };
}

class InstructionText extends XmlComponent {
  constructor(text: string) {
    super('w:instrText');
    this.root.push(new PreserveSpace({ space: 'preserve' }));
    this.root.push(text);
  }
}

function fieldChar(type: 'begin' | 'separate' | 'end'): BuilderElement {
  return new BuilderElement({ name: 'w:fldChar', attributes: { type: { key: 'w:fldCharType', value: type } } });
}

/** Formatting for the runs that hold the field characters (Word ignores it, but keeps it tidy). */
type RunFormat = Omit<IRunOptions, 'children' | 'text' | 'break'>;

/** How many characters of an instruction one instrText element holds. */
const INSTRUCTION_CHUNK = 250;

/**
 * Long instructions (a Zotero citation carries the whole CSL item) are split over several
 * instrText elements, as Word itself writes them; readers join them back. A split never falls
 * inside a surrogate pair.
 */
export function instructionChunks(instruction: string, size = INSTRUCTION_CHUNK): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < instruction.length) {
    let end = Math.min(i + size, instruction.length);
    const code = instruction.charCodeAt(end - 1);
    if (end < instruction.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    chunks.push(instruction.slice(i, end));
    i = end;
  }
  return chunks;
}

/**
 * The runs that open a complex field: begin, instruction, separate. A field may span
 * paragraphs (Zotero's bibliography): its start in the first, fieldEnd in the last.
 */
export function fieldStart(instruction: string, format: RunFormat = {}): TextRun[] {
  const clean = sanitizeXmlText(instruction);
  return [
    new TextRun({ ...format, children: [fieldChar('begin')] }),
    ...instructionChunks(` ${clean.trim()} `).map((chunk) => new TextRun({ ...format, children: [new InstructionText(chunk)] })),
    new TextRun({ ...format, children: [fieldChar('separate')] }),
  ];
}

export function fieldEnd(format: RunFormat = {}): TextRun {
  return new TextRun({ ...format, children: [fieldChar('end')] });
}

/** The runs of a complex field: begin, instruction, separate, the result runs, end. */
export function complexField(instruction: string, result: readonly XmlComponent[], format: RunFormat = {}): XmlComponent[] {
  return [...fieldStart(instruction, format), ...result, fieldEnd(format)];
}

/**
 * A PAGE (or NUMPAGES) field whose result already holds a number, so a reader that does not
 * update fields shows that number rather than nothing. Word and LibreOffice recompute it per
 * page when they lay the document out.
 */
export function numberField(kind: 'PAGE' | 'NUMPAGES', cached: string, format: RunFormat = {}): XmlComponent[] {
  return complexField(kind, [new TextRun({ ...format, text: cached })], format);
}
