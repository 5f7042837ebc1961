/**
 * Zotero's document preferences and bibliography field, so Zotero's Word plugin takes an
 * exported briefing as one of its own documents: "Refresh" re-renders the citations and the
 * bibliography, "Document Preferences" shows the briefing's style.
 *
 * Zotero keeps its preferences as an XML string (DocumentData, data-version 3) in custom
 * document properties ZOTERO_PREF_1, ZOTERO_PREF_2, … — Word limits a property to 255
 * characters, so the plugin splits the string and joins the pieces back in order. The
 * bibliography is a field `ADDIN ZOTERO_BIBL {…} CSL_BIBLIOGRAPHY` whose result is the
 * bibliography paragraphs (the field begins in the first entry and ends in the last).
 */
import { randomBytes } from 'node:crypto';
import type { ZoteroDocumentPrefs } from '../document';
import { escapeXml, sanitizeXmlText } from '../xml-text';
import { instructionChunks } from './fields';

/** Zotero's note types: the `noteType` preference. */
const ZOTERO_NOTE_TYPE = { 'in-text': 0, footnotes: 1, endnotes: 2 } as const;

/** Word's limit on a custom property's text, which the plugin's pieces respect. */
export const ZOTERO_PREF_CHUNK = 255;

/**
 * The Zotero version the preferences claim. Zotero warns when a document names a newer
 * version than its own, so this is an old one that already reads data-version 3.
 */
const ZOTERO_VERSION = '6.0';

/** Empty lists: every cited item is in the bibliography, none added or edited by hand. */
export const ZOTERO_BIBLIOGRAPHY_INSTRUCTION = 'ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY';

const attr = (s: string): string => escapeXml(sanitizeXmlText(s));

/** Zotero's session ids are 8 letters and digits, new for each document. */
function sessionId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The DocumentData XML Zotero reads from ZOTERO_PREF_n (its serializeXML layout). */
export function zoteroDocumentData(prefs: ZoteroDocumentPrefs, session = sessionId()): string {
  const pref = (name: string, value: string) => `<pref name="${attr(name)}" value="${attr(value)}"/>`;
  return (
    `<data data-version="3" zotero-version="${ZOTERO_VERSION}">` +
    `<session id="${attr(session)}"/>` +
    `<style id="${attr(prefs.styleUri)}" locale="${attr(prefs.locale)}" hasBibliography="${prefs.hasBibliography ? 1 : 0}" bibliographyStyleHasBeenSet="0"/>` +
    '<prefs>' +
    pref('fieldType', 'Field') +
    pref('noteType', String(ZOTERO_NOTE_TYPE[prefs.noteType])) +
    // The fields carry each item's data (itemData), so the document refreshes without the items in a Zotero library.
    pref('storeReferences', 'true') +
    '</prefs></data>'
  );
}

/** The custom document properties Zotero's Word plugin reads its preferences from. */
export function zoteroPrefProperties(prefs: ZoteroDocumentPrefs): { name: string; value: string }[] {
  return instructionChunks(zoteroDocumentData(prefs), ZOTERO_PREF_CHUNK).map((value, i) => ({ name: `ZOTERO_PREF_${i + 1}`, value }));
}
