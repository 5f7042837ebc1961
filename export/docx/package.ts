import { type Document, Packer } from 'docx';
import { writeZip } from './zip';

/**
 * The parts of a .docx package as `docx` compiles them, by path, in its order. `Packer`
 * zips them with fflate, a DEFLATE written in JavaScript that took a fifth of a large export;
 * compiling here lets the caller change parts (the notes, see note-part.ts) and zip with
 * Node's native zlib (writeZip). `Packer.compiler` is the compiler `Packer` itself uses.
 */
type Compiled = Map<string, string | Uint8Array>;
interface DocxCompiler {
  compile(file: Document): Compiled;
}

function compiler(): DocxCompiler {
  const c = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  if (!c || typeof c.compile !== 'function') throw new Error('this version of docx has no Packer.compiler; package.ts needs updating');
  return c;
}

export function compileParts(document: Document): Map<string, string | Uint8Array> {
  return compiler().compile(document);
}

export function zipParts(parts: Map<string, string | Uint8Array>): Buffer {
  return writeZip(
    [...parts].map(([name, data]) => ({
      name,
      data: typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    })),
  );
}
