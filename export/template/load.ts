import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import type * as z from 'zod';
import { DossierError } from '../../core/errors';
import { BUILT_IN_FILES, BUILT_IN_VALIDATED } from './builtin-files';
import { DEFAULT_STYLES } from './default-styles';
import { STYLE_ROLES, templateFileSchema, type StyleRole, type TemplateFile } from './schema';
import type { Template, TemplateSummary } from './types';

const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** "sections[2].layout" from zod's ["sections", 2, "layout"]. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(top level)';
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'text';
  return `a ${typeof v}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  int: 'a whole number',
  object: 'an object',
};

/** One issue as "field: problem", in words a template author can act on. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): { field: string; problem: string } {
  const field = fieldPath(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(input, issue.path);
      if (got === undefined) return { field, problem: 'is required' };
      if (issue.expected === 'int' && typeof got === 'number') return { field, problem: 'must be a whole number' };
      return { field, problem: `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeType(got)}` };
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      const at = issue.path.length ? fieldPath([...issue.path, issue.keys[0]]) : issue.keys[0];
      return { field: at, problem: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (check the spelling)` };
    }
    case 'invalid_value': {
      if (issue.message && !issue.message.startsWith('Invalid')) return { field, problem: issue.message };
      return { field, problem: `must be one of ${issue.values.map(String).join(', ')}` };
    }
    case 'invalid_union':
      return { field, problem: issue.message.startsWith('Invalid') ? 'has a value that is not allowed here' : issue.message };
    default:
      return { field, problem: issue.message };
  }
}

function validationError(file: string, field: string, problem: string): DossierError {
  return new DossierError('validation', `${file}: ${field}: ${problem}`, field);
}

/** Checks that need the whole template: unique keys and ids, margins that leave a page. */
function crossCheck(t: TemplateFile): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  const firstIndex = new Map<string, number>();
  t.sections.forEach((s, i) => {
    const prev = firstIndex.get(s.key);
    if (prev !== undefined) problems.push({ field: `sections[${i}].key`, problem: `"${s.key}" is already the key of sections[${prev}]` });
    else firstIndex.set(s.key, i);
  });
  const fieldIndex = new Map<string, number>();
  t.headerFields.forEach((f, i) => {
    const prev = fieldIndex.get(f.key);
    if (prev !== undefined) problems.push({ field: `headerFields[${i}].key`, problem: `"${f.key}" is already the key of headerFields[${prev}]` });
    else fieldIndex.set(f.key, i);
  });
  if (t.decision?.after !== undefined && !firstIndex.has(t.decision.after)) {
    problems.push({ field: 'decision.after', problem: `"${t.decision.after}" is not the key of any section` });
  }
  const styleIds = new Map<string, string>();
  const styleNames = new Map<string, string>();
  for (const role of STYLE_ROLES) {
    const style = t.styles[role] ?? DEFAULT_STYLES[role];
    const byId = styleIds.get(style.id.toLowerCase());
    if (byId) problems.push({ field: `styles.${role}.id`, problem: `"${style.id}" is already the id of styles.${byId}` });
    else styleIds.set(style.id.toLowerCase(), role);
    const byName = styleNames.get(style.name.toLowerCase());
    if (byName) problems.push({ field: `styles.${role}.name`, problem: `"${style.name}" is already the name of styles.${byName}` });
    else styleNames.set(style.name.toLowerCase(), role);
  }
  const [w, h] = t.page.size === 'a4' ? [8.27, 11.69] : [8.5, 11];
  const m = t.page.margins;
  if (m.left + m.right > w - 1) problems.push({ field: 'page.margins', problem: `left and right margins leave less than 1 inch of a ${w}-inch page` });
  const top = Math.max(m.top, t.page.firstPageTop ?? 0);
  if (top + m.bottom > h - 1) problems.push({ field: 'page.margins', problem: `top and bottom margins leave less than 1 inch of an ${h}-inch page` });
  return problems;
}

/** Validates parsed template data and completes it with defaults. */
export function parseTemplate(data: unknown, file: string, source: 'built-in' | 'user'): Template {
  const result = templateFileSchema().safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const { field, problem } = describeIssue(issue, data);
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
    throw validationError(file, field, problem + more);
  }
  return completeTemplate(result.data, file, source);
}

/** A template file the schema has parsed, checked across its fields and completed with defaults. */
function completeTemplate(t: TemplateFile, file: string, source: 'built-in' | 'user'): Template {
  const problems = crossCheck(t);
  if (problems.length) throw validationError(file, problems[0].field, problems[0].problem);

  let letterheadPath: string | undefined;
  if (t.letterhead !== undefined) {
    if (source === 'built-in') throw validationError(file, 'letterhead', 'built-in templates cannot name a letterhead');
    const rel = normalize(t.letterhead);
    if (isAbsolute(t.letterhead) || rel.startsWith('..') || rel.split(sep).includes('..')) {
      throw validationError(file, 'letterhead', 'must be a file next to the template (no folders above it, no absolute path)');
    }
    if (!/\.docx$/i.test(rel)) throw validationError(file, 'letterhead', 'must be a .docx file');
    letterheadPath = resolve(dirname(file), rel);
    if (!existsSync(letterheadPath)) throw validationError(file, 'letterhead', `file not found: ${t.letterhead}`);
  }

  const styles = {} as Record<StyleRole, (typeof DEFAULT_STYLES)[StyleRole]>;
  for (const role of STYLE_ROLES) styles[role] = t.styles[role] ?? DEFAULT_STYLES[role];

  return {
    id: t.id,
    name: t.name,
    description: t.description,
    heading: t.heading,
    showDate: t.showDate,
    locale: t.locale,
    dateFormat: t.dateFormat,
    headerFields: t.headerFields.map((f) => ({
      key: f.key,
      label: f.label,
      required: f.required,
      type: f.type,
      ...(f.placeholder !== undefined ? { placeholder: f.placeholder } : {}),
    })),
    sections: t.sections.map((s) => ({
      key: s.key,
      heading: s.heading,
      guidance: s.guidance,
      required: s.required,
      layout: s.layout,
      showHeading: s.showHeading,
      runIn: s.runIn,
      checkClaims: s.checkClaims,
      ...(s.style ? { style: s.style } : {}),
    })),
    numbering: t.numbering,
    ...(t.decision ? { decision: { ...t.decision } } : {}),
    closing: { ...t.closing },
    citation: { ...t.citation },
    page: { size: t.page.size, margins: { ...t.page.margins }, ...(t.page.firstPageTop !== undefined ? { firstPageTop: t.page.firstPageTop } : {}) },
    fonts: {
      body: { ...t.fonts.body },
      notes: t.fonts.notes ? { ...t.fonts.notes } : { family: t.fonts.body.family, size: Math.max(8, t.fonts.body.size - 2) },
    },
    styles,
    pageNumbers: { ...t.pageNumbers },
    limits: { ...t.limits },
    markings: { ...t.markings },
    source,
    file,
    ...(letterheadPath ? { letterheadPath } : {}),
  };
}

/** Reads and validates one template file. Errors name the file, the field and the problem. */
export function loadTemplateFile(path: string): Template {
  let raw: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new DossierError('io', `${path}: not a file`);
    if (st.size > MAX_TEMPLATE_BYTES) throw validationError(path, '(file)', `is ${st.size} bytes; a template may be at most 1 MB`);
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof DossierError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new DossierError('not_found', `template file not found: ${path}`);
    throw new DossierError('io', `${path}: could not read: ${err.message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = '';
    if (pos) {
      const before = raw.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw validationError(path, '(file)', `is not valid JSON${where}: ${message}`);
  }
  return parseTemplate(data, path, 'user');
}

let builtIns: Template[] | undefined;

/** The built-in templates, validated once (in the built command line, by its build: see builtin-files.ts). */
export function builtInTemplates(): Template[] {
  builtIns ??= BUILT_IN_FILES.map(({ file, data }) =>
    BUILT_IN_VALIDATED ? completeTemplate(data as TemplateFile, file, 'built-in') : parseTemplate(data, file, 'built-in'),
  );
  return builtIns;
}

/**
 * The built-in template files as the schema parses them (defaults filled in), for the build to
 * put in the bundle in place of the files as written (scripts/build.mjs).
 */
export function validatedBuiltInFiles(): Array<{ file: string; data: TemplateFile }> {
  return BUILT_IN_FILES.map(({ file, data }) => ({ file, data: templateFileSchema().parse(data) }));
}

function userTemplateFiles(userDir: string | undefined): string[] {
  if (!userDir) return [];
  let names: string[];
  try {
    names = readdirSync(userDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new DossierError('io', `${userDir}: could not list templates: ${(e as Error).message}`);
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.json') && !n.startsWith('.'))
    .sort()
    .map((n) => join(userDir, n));
}

interface UserScan {
  templates: Template[];
  problems: Array<{ file: string; message: string }>;
}

function scanUserTemplates(userDir: string | undefined): UserScan {
  const scan: UserScan = { templates: [], problems: [] };
  const seen = new Map<string, string>();
  for (const file of userTemplateFiles(userDir)) {
    try {
      const t = loadTemplateFile(file);
      const prev = seen.get(t.id);
      if (prev) {
        scan.problems.push({ file, message: `${file}: id: "${t.id}" is already the id of ${basename(prev)}; this file is ignored` });
        continue;
      }
      seen.set(t.id, file);
      scan.templates.push(t);
    } catch (e) {
      scan.problems.push({ file, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return scan;
}

/**
 * Every template, built-in first, then the user's (`*.json` in userDir). A user template with a
 * built-in's id replaces it. Broken user files are left out here; `templateProblems` lists them.
 */
export function listTemplates(userDir?: string): TemplateSummary[] {
  const user = scanUserTemplates(userDir).templates;
  const userIds = new Set(user.map((t) => t.id));
  return [...builtInTemplates().filter((t) => !userIds.has(t.id)), ...user].map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    source: t.source,
  }));
}

/** The user template files that could not be used, each with the message that says why. */
export function templateProblems(userDir?: string): Array<{ file: string; message: string }> {
  return scanUserTemplates(userDir).problems;
}

/**
 * The template with this id: the user's (from userDir) when there is one, else the built-in.
 * A broken user template file named `<id>.json`, or one whose id is this id, throws its
 * validation error rather than falling back silently.
 */
export function getTemplate(id: string, userDir?: string): Template {
  if (userDir) {
    const scan = scanUserTemplates(userDir);
    const found = scan.templates.find((t) => t.id === id);
    if (found) return found;
    for (const p of scan.problems) {
      if (basename(p.file).toLowerCase() === `${id.toLowerCase()}.json`) throw rethrow(p.file);
      if (fileClaimsId(p.file, id)) throw rethrow(p.file);
    }
  }
  const builtIn = builtInTemplates().find((t) => t.id === id);
  if (builtIn) return builtIn;
  throw new DossierError('not_found', `template not found: ${id}`);
}

function rethrow(file: string): DossierError {
  try {
    loadTemplateFile(file);
  } catch (e) {
    if (e instanceof DossierError) return e;
    return new DossierError('io', `${file}: ${(e as Error).message}`);
  }
  return new DossierError('validation', `${file}: could not be loaded`);
}

function fileClaimsId(file: string, id: string): boolean {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
    return data !== null && typeof data === 'object' && data.id === id;
  } catch {
    return false;
  }
}
