export { builtInTemplates, getTemplate, listTemplates, templateProblems } from './load';
export type { Template, TemplateSection, TemplateSummary } from './types';
export { dateFieldKeys, dateRulesFor } from './date-fields';
