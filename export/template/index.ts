export { builtInTemplates, getTemplate, listTemplates, loadTemplateFile, parseTemplate, templateProblems } from './load';
export { DEFAULT_STYLES } from './default-styles';
export { templateFileSchema, STYLE_ROLES, PARAGRAPH_STYLE_ROLES, CHARACTER_STYLE_ROLES, LAYOUTS } from './schema';
export type { StyleRole, ParagraphStyleRole, CharacterStyleRole, TemplateFile } from './schema';
export type {
  Margins,
  SectionLayout,
  StyleDefinition,
  Template,
  TemplateClosing,
  TemplateDecision,
  TemplateFont,
  TemplateHeaderField,
  TemplateSection,
  TemplateSummary,
} from './types';
export { layoutHints } from './hints';
export type { LayoutHints } from './hints';
export { dateFieldKeys, dateRulesFor, headerDateRules } from './date-fields';
