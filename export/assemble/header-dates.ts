import { formatHeaderDate, localIsoDate, readHeaderDate } from '../../core/header-dates';
import type { Template } from '../template/types';

/**
 * A stored header date as the memo prints it: in the template's locale and date format, never
 * the citation style's. Dates are stored as YYYY-MM-DD; a value from before that (free text
 * the migration could not read) prints as the author typed it, and pre-flight names the field.
 */
export function printedDate(stored: string, template: Template): string {
  const iso = readHeaderDate(stored, template.locale);
  return iso ? formatHeaderDate(iso, template.locale, template.dateFormat) : stored.trim();
}

/** The memo's date: the one typed, else the day it is exported. */
export function memoDate(stored: string | undefined, template: Template, today: Date): string {
  return stored?.trim() ? printedDate(stored, template) : formatHeaderDate(localIsoDate(today), template.locale, template.dateFormat);
}
