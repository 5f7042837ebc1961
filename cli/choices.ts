import { existsSync } from 'node:fs';
import { DossierError } from '../core/errors';
import { parseMarking, storedText } from '../core/marking-string';
import { FACT_KINDS, RELIABILITY_GRADES, SOURCE_TYPES } from '../core/model';
import { listTemplates } from '../export/template/index';
import type { Library } from '../db/library';
import { UsageError } from './command';

/**
 * Values typed on the command line that must be one of a known set: an unknown one is a usage
 * error (exit 1) that names the valid ones, checked before anything is read or written, so a
 * typo is never silently accepted (a filter that matches nothing) nor reported as a data
 * problem of the library. One place, so every command says it the same way.
 */
/** `label` as the user typed it: "--kind", or "scheme" for a positional. */
export function oneOf(label: string, value: string, valid: readonly string[], more = ''): string {
  if (valid.includes(value)) return value;
  throw new UsageError(`unknown ${label} "${value}"; valid: ${valid.join(', ')}${more}`);
}

export const checkKind = (value: string): string => oneOf('--kind', value, FACT_KINDS);

export const checkSourceType = (value: string): string => oneOf('--type', value, SOURCE_TYPES);

/** One grade (`source add --reliability b`), upper-cased as stored. */
export const checkReliability = (value: string): string => oneOf('--reliability', value.toUpperCase(), RELIABILITY_GRADES);

/** A list of grades (`facts --reliability A,B`). */
export function checkReliabilityList(value: string): string[] {
  const grades = value
    .toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!grades.length) throw new UsageError(`--reliability needs a grade; valid: ${RELIABILITY_GRADES.join(', ')}`);
  return grades.map(checkReliability);
}

export function checkNotes(value: string, label = '--notes'): 'footnotes' | 'endnotes' {
  return oneOf(label, value, ['footnotes', 'endnotes']) as 'footnotes' | 'endnotes';
}

/** A template id: built-in or one of the user's own in `templateDir`. */
export function checkTemplate(value: string, templateDir?: string, label = '--template'): string {
  return oneOf(
    label,
    value,
    listTemplates(templateDir).map((t) => t.id),
    ' (see: dossier templates)',
  );
}

/** A marking of the library's scheme (level id or banner, any case, with its controls), in stored form. */
export function checkMarking(lib: Library, value: string, option = 'marking'): string {
  const scheme = lib.markingScheme();
  try {
    return storedText(scheme, parseMarking(scheme, value, `--${option}`));
  } catch (e) {
    if (!(e instanceof DossierError)) throw e;
    throw new UsageError(`${e.message} (see: dossier markings)`);
  }
}

/**
 * A citation style: bundled, the user's own, or any CSL repository style. The catalog loads on
 * demand (listing facts needs no citation code); the listed ones are named, the repository's
 * thousands are not.
 */
export async function checkStyle(value: string, styleDir?: string, label = '--style'): Promise<string> {
  const { listStyles, loadStyle } = await import('../citations/index');
  const dir = styleDir && existsSync(styleDir) ? styleDir : undefined;
  try {
    loadStyle(value, dir);
    return value;
  } catch {
    const ids = listStyles(dir).map((s) => s.id);
    throw new UsageError(`unknown ${label} "${value}"; valid: ${ids.join(', ')}, or any CSL repository style id (see: dossier styles)`);
  }
}
