import { hasOoxmlValidator, ooxmlValidator } from '../../export/testing/ooxml-validator';
import { docxProblem } from './files';

/** Whether the Open XML SDK validator is here; CI must have it (the external-tools policy). */
export { hasOoxmlValidator };
export const VALIDATOR_NOTE = hasOoxmlValidator ? '' : ' (Open XML SDK validator not installed: npm run setup:checkers; ZIP and XML checks only)';

/** Why an exported .docx is not valid: ZIP, XML, then Microsoft's validator when installed. */
export async function exportedDocxProblem(path: string): Promise<string | undefined> {
  const p = docxProblem(path);
  if (p) return p;
  if (!hasOoxmlValidator) return undefined;
  const v = await (await ooxmlValidator()).validateFile(path);
  return v.ok ? undefined : `Open XML SDK validator: ${JSON.stringify(v.errors).slice(0, 600)}`;
}
