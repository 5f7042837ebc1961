import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Loads pdf.js for use inside Node (the command line, Electron's main or utility process, tests)
 * with the settings that make it safe for untrusted files and fully offline.
 *
 * Worker: pdf.js normally parses in a Web Worker loaded from `pdf.worker.mjs`. We import that
 * module ourselves; it registers itself as `globalThis.pdfjsWorker`, and pdf.js then runs its
 * "fake worker" in-process instead of loading a file by path. That is what lets a bundler
 * (esbuild) inline pdf.js completely: no worker file to copy, no path to resolve at run time.
 *
 * Without @napi-rs/canvas (see canLoadCanvas) text extraction still works.
 *
 * Safety: `isEvalSupported: false` (CVE-2024-4367: font code compiled with `new Function` ran
 * attacker code in Electron apps); `disableFontFace` (we never render, so fonts are never
 * installed); no `url` — the bytes are always given, so nothing is ever fetched.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const standIn = !canLoadCanvas();
    if (standIn) installTextOnlyDomMatrix();
    return withoutCanvasWarnings(standIn, () => import('pdfjs-dist/legacy/build/pdf.mjs'));
  })();
  return loading;
}

/**
 * pdf.js's display layer creates a DOMMatrix when it loads, polyfilled in Node from the native
 * package @napi-rs/canvas (an optional dependency of pdfjs-dist). Text extraction never uses it,
 * so where that package is missing — pruned from an installer, an unsupported platform — a
 * stand-in lets pdf.js load instead of crashing. Rendering pages would still fail; we never render.
 */
function canLoadCanvas(): boolean {
  if (typeof (globalThis as { DOMMatrix?: unknown }).DOMMatrix === 'function') return true;
  try {
    createRequire(import.meta.url)('@napi-rs/canvas');
    return true;
  } catch {
    return false;
  }
}

function installTextOnlyDomMatrix(): void {
  class TextOnlyDOMMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  }
  (globalThis as { DOMMatrix?: unknown }).DOMMatrix = TextOnlyDOMMatrix;
}

/** pdf.js reports the missing canvas package on the console at load time; for text extraction that is only noise. */
async function withoutCanvasWarnings<T>(active: boolean, load: () => Promise<T>): Promise<T> {
  if (!active) return load();
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^Warning: Cannot (?:load "@napi-rs\/canvas"|polyfill)/.test(args[0])) return;
    warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

/** Options for `getDocument`, apart from the data. */
export function safeDocumentOptions(): Record<string, unknown> {
  return {
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0, // errors only: pdf.js warns on every slightly malformed file
    ...localAssets(),
  };
}

let assets: Record<string, string> | undefined;

/**
 * Character maps (needed to extract text from many Chinese, Japanese and Korean PDFs) and the
 * standard font metrics ship as files inside pdfjs-dist. They are read from disk when the
 * package is installed beside the app; without them Latin text still extracts correctly.
 */
function localAssets(): Record<string, string> {
  if (assets) return assets;
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    assets = { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
  } catch {
    assets = {};
  }
  return assets;
}
