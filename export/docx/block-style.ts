import type { Block } from '../document';
import type { Template, TemplateSection } from '../template/types';
import { sanitizeXmlText } from '../xml-text';
import { styleId } from './styles';

/** Decisions about a block shared by both body writers (body.ts and body-xml.ts). */

export function withColon(label: string): string {
  const l = label.trim();
  return /[:：]$/.test(l) ? l : `${l}:`;
}

export function paragraphStyleFor(block: Block, section: TemplateSection | undefined, template: Template): string {
  if (block.kind === 'bullet') return styleId(template, 'bullet');
  if (block.kind === 'numbered') return styleId(template, 'numbered');
  return styleId(template, section?.style === 'bluf' ? 'bluf' : 'body');
}

/** "(U) " before a block, or nothing. */
export function portionText(portion: string | undefined): string {
  const p = portion === undefined ? '' : sanitizeXmlText(portion).trim();
  return p ? `(${p}) ` : '';
}
