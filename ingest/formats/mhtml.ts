import { decodeWindows1252 } from './windows-1252';

/**
 * Web archives saved by browsers as .mhtml/.mht: a MIME multipart/related message whose first
 * text/html part is the page, usually quoted-printable or base64, plus its images and styles
 * (ignored). The archive's headers also say where the page came from and when it was saved.
 */
export interface WebArchivePage {
  html: string;
  /** The page's address ("Snapshot-Content-Location", or the HTML part's Content-Location). */
  url?: string;
  /** When the page was saved (the message's Date header), as written. */
  savedAt?: string;
}

/** The HTML page inside an MHTML file, or undefined when there is none. */
export function readMhtml(bytes: Uint8Array): WebArchivePage | undefined {
  // latin1 maps every byte to one character and back, so 8-bit parts survive until we know their charset.
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const { headers, body } = splitHeaders(raw);
  const boundary = param(headers.get('content-type') ?? '', 'boundary');
  if (!boundary) return undefined;

  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break; // the closing delimiter
    const p = splitHeaders(part.replace(/^\r?\n/, ''));
    const type = p.headers.get('content-type') ?? 'text/plain';
    if (!/^\s*text\/html/i.test(type)) continue;
    const data = decodeTransfer(p.body, p.headers.get('content-transfer-encoding') ?? '7bit');
    const page: WebArchivePage = { html: decodeCharset(data, param(type, 'charset') ?? 'utf-8') };
    const url = headers.get('snapshot-content-location') ?? p.headers.get('content-location');
    if (url) page.url = url.trim();
    const date = headers.get('date');
    if (date) page.savedAt = date.trim();
    return page;
  }
  return undefined;
}

/** RFC 5322 headers (folded lines unfolded, names lowercased) and the body after the blank line. */
function splitHeaders(s: string): { headers: Map<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(s);
  const head = m ? s.slice(0, m.index) : s;
  const body = m ? s.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
    }
  }
  return { headers, body };
}

function param(header: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeTransfer(body: string, encoding: string): Uint8Array {
  const e = encoding.trim().toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (e === 'quoted-printable') return quotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

/** Quoted-printable: "=\r\n" is a soft line break, "=XX" one byte. */
function quotedPrintable(s: string): Uint8Array {
  const joined = s.replace(/=\r?\n/g, '');
  const out = Buffer.alloc(joined.length);
  let n = 0;
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      out[n++] = parseInt(joined.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = c & 0xff;
    }
  }
  return out.subarray(0, n);
}

function decodeCharset(data: Uint8Array, charset: string): string {
  const label = charset.trim().toLowerCase();
  // Latin-1 labels mean Windows-1252 on the web (see html-decode.ts).
  if (/^(?:iso-?8859-1|latin1|us-ascii|ascii|windows-1252|cp1252)$/.test(label)) return decodeWindows1252(data);
  try {
    return new TextDecoder(label).decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}
