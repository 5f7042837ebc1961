import { isDossierError } from '../../core/errors';
import type { HeaderDateRules } from '../../core/header-dates';
import { getTemplate } from './load';
import type { Template } from './types';

/**
 * The header fields of a template that hold dates: the memo date (when the template prints
 * one), the decide-by date (when its decision block asks for one) and every header field of
 * type "date" (a sitrep's "as of").
 */
export function dateFieldKeys(template: Template): string[] {
  const keys: string[] = [];
  if (template.showDate) keys.push('date');
  if (template.decision?.decideBy) keys.push('decideBy');
  for (const f of template.headerFields) if (f.type === 'date' && !keys.includes(f.key)) keys.push(f.key);
  return keys;
}

function headerDateRules(template: Template): HeaderDateRules {
  return { keys: dateFieldKeys(template), locale: template.locale };
}

/**
 * Date rules by template id, for the library's briefing writes. A briefing whose template is
 * gone (a user template deleted) has no date fields left to read: its fields are kept as text.
 */
export function dateRulesFor(templateDir?: string): (templateId: string) => HeaderDateRules {
  return (templateId) => {
    try {
      return headerDateRules(getTemplate(templateId, templateDir));
    } catch (e) {
      if (isDossierError(e) && e.code === 'not_found') return { keys: [], locale: 'en-US' };
      throw e;
    }
  };
}
