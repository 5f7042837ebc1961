import {
  AlignmentType,
  LevelFormat,
  LineRuleType,
  TabStopType,
  type ICharacterStyleOptions,
  type INumberingOptions,
  type IParagraphStyleOptions,
  type IStylesOptions,
} from 'docx';
import { CHARACTER_STYLE_ROLES, PARAGRAPH_STYLE_ROLES, type StyleRole } from '../template/schema';
import type { StyleDefinition, Template } from '../template/types';

export const twip = (inches: number): number => Math.round(inches * 1440);
export const pointTwips = (pt: number): number => Math.round(pt * 20);
const halfPoints = (pt: number): number => Math.round(pt * 2);

export const BULLET_LIST = 'dossier-bullets';
export const NUMBERED_LIST = 'dossier-numbered';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

export function alignmentOf(a: StyleDefinition['align']) {
  return a ? ALIGN[a] : undefined;
}

function runProps(s: StyleDefinition) {
  return {
    ...(s.font ? { font: { ascii: s.font, hAnsi: s.font, cs: s.font } } : {}),
    ...(s.size ? { size: halfPoints(s.size) } : {}),
    ...(s.bold !== undefined ? { bold: s.bold } : {}),
    ...(s.italic !== undefined ? { italics: s.italic } : {}),
    ...(s.allCaps !== undefined ? { allCaps: s.allCaps } : {}),
    ...(s.smallCaps !== undefined ? { smallCaps: s.smallCaps } : {}),
    ...(s.underline ? { underline: {} } : {}),
  };
}

function paragraphProps(s: StyleDefinition) {
  const spacing = {
    ...(s.spaceBefore !== undefined ? { before: pointTwips(s.spaceBefore) } : {}),
    ...(s.spaceAfter !== undefined ? { after: pointTwips(s.spaceAfter) } : {}),
    ...(s.lineSpacing !== undefined ? { line: Math.round(s.lineSpacing * 240), lineRule: LineRuleType.AUTO } : {}),
  };
  const indent = {
    ...(s.indentLeft !== undefined ? { left: twip(s.indentLeft) } : {}),
    ...(s.hanging ? { hanging: twip(s.hanging) } : {}),
    ...(s.firstLine ? { firstLine: twip(s.firstLine) } : {}),
  };
  return {
    ...(s.align ? { alignment: ALIGN[s.align] } : {}),
    ...(Object.keys(spacing).length ? { spacing } : {}),
    ...(Object.keys(indent).length ? { indent } : {}),
    ...(s.tabStop !== undefined ? { tabStops: [{ type: TabStopType.LEFT, position: twip(s.tabStop) }] } : {}),
    ...(s.keepNext ? { keepNext: true } : {}),
    ...(s.keepLines ? { keepLines: true } : {}),
  };
}

/** Word style id for a role in this template. */
export function styleId(template: Template, role: StyleRole): string {
  return template.styles[role].id;
}

/**
 * The template's styles as real named styles in styles.xml ("Dossier Bullet" …), so a user can
 * restyle the whole document from Word's Styles pane. Body text defaults come from the
 * template's fonts; footnote and endnote text use its note font.
 */
export function stylesFor(template: Template, language: string): IStylesOptions {
  const body = template.fonts.body;
  const notes = template.fonts.notes;
  const paragraphStyles: IParagraphStyleOptions[] = PARAGRAPH_STYLE_ROLES.map((role) => {
    const s = template.styles[role];
    return {
      id: s.id,
      name: s.name,
      basedOn: 'Normal',
      next: role === 'bullet' || role === 'numbered' ? s.id : styleId(template, 'body'),
      quickFormat: true,
      // Headings get an outline level so Word's navigation pane and PDF bookmarks list them.
      paragraph: { ...paragraphProps(s), ...(role === 'heading' || role === 'sourcesHeading' ? { outlineLevel: 1 } : {}) },
      run: runProps(s),
    };
  });
  const characterStyles: ICharacterStyleOptions[] = CHARACTER_STYLE_ROLES.map((role) => {
    const s = template.styles[role];
    return { id: s.id, name: s.name, basedOn: 'DefaultParagraphFont', quickFormat: true, run: runProps(s) };
  });
  const noteFont = { ascii: notes.family, hAnsi: notes.family, cs: notes.family };
  const noteText = {
    paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    run: { font: noteFont, size: halfPoints(notes.size) },
  };
  return {
    default: {
      document: {
        run: {
          font: { ascii: body.family, hAnsi: body.family, cs: body.family },
          size: halfPoints(body.size),
          language: { value: language, eastAsia: language, bidirectional: bidiLanguage(language) },
        },
        paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
      footnoteText: noteText,
      endnoteText: noteText,
    },
    paragraphStyles,
    characterStyles,
  };
}

/** Word records a language for East Asian and for complex-script text too, as Word itself writes them. */
function bidiLanguage(language: string): string {
  return /^(ar|he|fa|ur|yi|ps|sd|ug|dv|syr)\b/i.test(language) ? language : 'ar-SA';
}

/** Bullet and numbered lists whose indents match the template's bullet and numbered styles. */
export function numberingFor(template: Template): INumberingOptions {
  const bullet = template.styles.bullet;
  const numbered = template.styles.numbered;
  const indent = (s: StyleDefinition, fallback: number) => ({
    left: twip(s.indentLeft ?? fallback),
    hanging: twip(s.hanging ?? fallback),
  });
  return {
    config: [
      {
        reference: BULLET_LIST,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: '\u2022',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: indent(bullet, 0.25) } },
          },
        ],
      },
      {
        reference: NUMBERED_LIST,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: '%1.',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: indent(numbered, 0.5) } },
          },
        ],
      },
    ],
  };
}
