import type { Template } from './types';

/**
 * What the Markdown and plain-text writers take from a template: which headings run into their
 * first paragraph, where the decision block goes, and the closing labels. Without a template
 * they follow the built-in memo types.
 */
export interface LayoutHints {
  runInSections: ReadonlySet<string>;
  /** Section key the decision block follows; undefined means after the last section. */
  decisionAfter?: string;
  decisionHeading: string;
  decideByLabel: string;
  attachmentsLabel: string;
  preparedByLabel: string;
  derivedFromLabel: string;
}

const DEFAULT_RUN_IN = ['bluf', 'recommendation', 'coordination', 'objective', 'nextReport'];

export function layoutHints(template?: Template): LayoutHints {
  if (!template) {
    return {
      runInSections: new Set(DEFAULT_RUN_IN),
      decisionAfter: 'recommendation',
      decisionHeading: 'DECISION:',
      decideByLabel: 'Decision requested by',
      attachmentsLabel: 'Attachments',
      preparedByLabel: 'Prepared by',
      derivedFromLabel: 'Derived From',
    };
  }
  return {
    runInSections: new Set(template.sections.filter((s) => s.runIn).map((s) => s.key)),
    ...(template.decision?.after !== undefined ? { decisionAfter: template.decision.after } : {}),
    decisionHeading: template.decision?.heading ?? 'DECISION:',
    decideByLabel: template.decision?.decideByLabel ?? 'Decision requested by',
    attachmentsLabel: template.closing.attachments?.label ?? 'Attachments',
    preparedByLabel: template.closing.preparedBy?.label ?? 'Prepared by',
    derivedFromLabel: template.closing.derivedFromLabel,
  };
}
