import type { StyleDefinition, StyleRole } from './schema';

/**
 * The styles a template gets for any role it does not define: a plain US memo look
 * (12-pt body, bold centred title, labels on a 1-inch tab). Built-in templates define every
 * role themselves; these keep a user template that defines none of them readable.
 */
export const DEFAULT_STYLES: Record<StyleRole, StyleDefinition> = {
  title: { id: 'DossierMemoTitle', name: 'Dossier Memo Title', bold: true, align: 'center', spaceAfter: 12, keepNext: true },
  date: { id: 'DossierDate', name: 'Dossier Date', align: 'right', spaceAfter: 12 },
  headerField: { id: 'DossierHeaderField', name: 'Dossier Header Field', indentLeft: 1, hanging: 1, tabStop: 1, spaceAfter: 12 },
  headerLabel: { id: 'DossierHeaderLabel', name: 'Dossier Header Label' },
  bluf: { id: 'DossierBLUF', name: 'Dossier BLUF', spaceAfter: 12 },
  body: { id: 'DossierBody', name: 'Dossier Body', spaceAfter: 12 },
  bullet: { id: 'DossierBullet', name: 'Dossier Bullet', indentLeft: 0.25, hanging: 0.25, spaceAfter: 12 },
  numbered: { id: 'DossierNumbered', name: 'Dossier Numbered', indentLeft: 0.5, hanging: 0.5, spaceAfter: 12 },
  heading: { id: 'DossierHeading', name: 'Dossier Heading', bold: true, spaceBefore: 6, spaceAfter: 6, keepNext: true },
  runInHeading: { id: 'DossierRunInHeading', name: 'Dossier Run-in Heading', bold: true },
  decision: { id: 'DossierDecision', name: 'Dossier Decision', spaceAfter: 12, tabStop: 3, keepNext: true },
  closing: { id: 'DossierClosing', name: 'Dossier Closing', indentLeft: 1.25, hanging: 1.25, tabStop: 1.25, spaceAfter: 0 },
  sourcesHeading: { id: 'DossierSourcesHeading', name: 'Dossier Sources Heading', bold: true, spaceBefore: 18, spaceAfter: 6, keepNext: true },
  sourcesEntry: { id: 'DossierSourcesEntry', name: 'Dossier Sources Entry', size: 11, indentLeft: 0.5, hanging: 0.5, spaceAfter: 6 },
  banner: { id: 'DossierBanner', name: 'Dossier Banner', bold: true, align: 'center', spaceAfter: 0 },
  pageNumber: { id: 'DossierPageNumber', name: 'Dossier Page Number', align: 'center', spaceAfter: 0 },
};
