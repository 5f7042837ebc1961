import { decodeText } from '../decode-text';
import type { WebArchivePage } from './mhtml';
import { readMhtml } from './mhtml';
import { unreadable } from './abort';
import { decodeWindows1252, repairC1 } from './windows-1252';

/**
 * The bytes of a saved page → its HTML as a string, in the encoding the page declares.
 *
 * Order: a byte-order mark wins; then a charset declared in the first 1 KiB (the HTML
 * standard's "prescan" — done on the raw bytes, before any parsing, exactly like a browser);
 * then UTF-8, falling back to Windows-1252. MHTML archives are unpacked first.
 */
export function decodeHtmlBytes(bytes: Uint8Array, fileName: string): WebArchivePage {
  if (looksLikeMhtml(bytes)) {
    const page = readMhtml(bytes);
    if (!page) throw unreadable(fileName, 'this web archive (.mhtml) has no HTML page inside');
    return page;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { html: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { html: decodeText(bytes, fileName) };
  const declared = declaredCharset(bytes);
  if (declared === 'windows-1252') return { html: decodeWindows1252(bytes) };
  if (declared && declared !== 'utf-8') {
    try {
      return { html: new TextDecoder(declared).decode(bytes) };
    } catch {
      // An unknown label: fall through to detection.
    }
  }
  return { html: repairC1(decodeText(bytes, fileName)) };
}

function looksLikeMhtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const end = head.search(/\r?\n\r?\n/);
  return /^[A-Za-z-]+:/.test(head) && /content-type:\s*multipart\/related/i.test(end < 0 ? head : head.slice(0, end));
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase();
  if (!label) return undefined;
  // Per the HTML standard a page cannot declare itself UTF-16 in a meta tag (it would be unreadable ASCII).
  if (label.startsWith('utf-16') || label === 'utf8') return 'utf-8';
  // The HTML standard reads Latin-1 and ASCII labels as Windows-1252 (pages that say Latin-1
  // use its curly quotes and dashes); Node's decoder would turn those bytes into control codes.
  return LATIN1_LABELS.has(label) || label === 'cp1252' ? 'windows-1252' : label;
}

const LATIN1_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'iso_8859-1', 'cp819', 'ibm819', 'us-ascii', 'ascii', 'iso-ir-100', 'csisolatin1']);
