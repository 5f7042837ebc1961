import { lineColumn } from '../../core/citation-marks';
import { DossierError } from '../../core/errors';

/**
 * Every problem in a briefing file is reported at its place: "line 12, column 7: …", so an
 * analyst drafting in any editor can jump to it. The field is "markdown" (the file as a whole).
 */
export function failAt(src: string, offset: number, problem: string): never {
  throw locatedError(src, offset, problem);
}

export function locatedError(src: string, offset: number, problem: string): DossierError {
  const at = lineColumn(src, offset);
  return new DossierError('validation', `line ${at.line}, column ${at.column}: ${problem}`, 'markdown');
}
