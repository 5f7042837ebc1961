/**
 * How much of the CSL style repository Dossier can use: for each .csl file, what
 * `dossier styles add` does (importUserStyle, a dependent style on its parent), then a small
 * Word export of the sample briefing with the style, checked with the project's own readers.
 * Used by bench/styles-coverage.ts over a whole folder and by a test over a small sample.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import citationSchema from '../citations/schema/csl-citation.schema.json' with { type: 'json' };
import dataSchema from '../citations/schema/csl-data.schema.json' with { type: 'json' };
import { type ParentLookup, shortStyleId } from '../citations/dependent-style';
import { importUserStyle, parentLookup } from '../citations/style-catalog';
import { parseXml } from '../citations/xml-tree';
import type { Library } from '../db/library';
import { assembleBriefing } from '../export/assemble';
import { renderDocx } from '../export/docx/index';
import { citationFields, openDocx } from '../export/testing/docx-parts';

export interface StyleOutcome {
  file: string;
  dependent: boolean;
  /** `styles add` accepted it. */
  accepted: boolean;
  /** The exported .docx opened and every check passed. */
  valid: boolean;
  error?: string;
}

export interface CoverageContext {
  lib: Library;
  briefingId: string;
  /** Where each style gets a folder of its own, as a user's style folder. */
  workDir: string;
  /** Folders holding independent styles a dependent may name as parent (the repository's top folder). */
  parentDirs: string[];
}

let validator: ValidateFunction | undefined;
function citationValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    ajv.addSchema(dataSchema);
    validator = ajv.compile(citationSchema);
  }
  return validator;
}

/**
 * A parent by CSL id: bundled or repository styles first (what Dossier carries), else a file
 * of that name in a parent folder (a parent the user added), which is then copied beside the
 * dependent so the export finds it as a user style.
 */
function parentFinder(ctx: CoverageContext, styleDir: string): ParentLookup {
  const carried = parentLookup(undefined);
  const user = parentLookup(styleDir);
  return (uri) => {
    const tree = carried(uri);
    if (tree) return tree;
    for (const dir of ctx.parentDirs) {
      const file = join(dir, `${shortStyleId(uri)}.csl`);
      if (existsSync(file)) {
        copyFileSync(file, join(styleDir, `parent-${basename(file)}`));
        return user(uri);
      }
    }
    return undefined;
  };
}

/** The checks a reader of the file relies on: a ZIP, well-formed XML parts, citation fields that validate. */
export function docxProblem(buf: Buffer): string | undefined {
  const docx = openDocx(buf);
  if (!docx.has('word/document.xml')) return 'no word/document.xml';
  for (const name of docx.names.filter((n) => /\.(xml|rels)$/.test(n))) {
    try {
      parseXml(docx.part(name));
    } catch (e) {
      return `${name}: ${(e as Error).message}`;
    }
  }
  const xml = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'].map((p) => docx.part(p)).join('');
  const fields = citationFields(xml);
  if (fields.length === 0) return 'no citation fields';
  const validate = citationValidator();
  for (const f of fields) {
    if (!validate(JSON.parse(f.trim().replace(/^ADDIN ZOTERO_ITEM CSL_CITATION /, '')))) return `citation field: ${JSON.stringify(validate.errors?.[0])}`;
  }
  if (!docx.part('docProps/custom.xml').includes('ZOTERO_PREF_1')) return 'no Zotero document preferences';
  return undefined;
}

export async function checkStyleFile(path: string, ctx: CoverageContext, n: number): Promise<StyleOutcome> {
  const xml = readFileSync(path, 'utf8');
  const file = basename(path);
  const dependent = /rel="independent-parent"/.test(xml) && !/<citation[\s>]/.test(xml);
  const styleDir = join(ctx.workDir, String(n));
  mkdirSync(styleDir, { recursive: true });
  let id: string;
  try {
    id = importUserStyle(xml, file, parentFinder(ctx, styleDir)).id;
  } catch (e) {
    return { file, dependent, accepted: false, valid: false, error: (e as Error).message };
  }
  copyFileSync(path, join(styleDir, file));
  try {
    const a = assembleBriefing(ctx.lib, ctx.briefingId, { styleId: id, styleDir });
    const problem = docxProblem(await renderDocx(a.doc, a.template));
    return { file, dependent, accepted: true, valid: !problem, ...(problem ? { error: problem } : {}) };
  } catch (e) {
    return { file, dependent, accepted: true, valid: false, error: `export: ${(e as Error).message}` };
  }
}

export interface CoverageSummary {
  total: number;
  accepted: number;
  valid: number;
  dependent: { total: number; accepted: number; valid: number };
}

export function summarise(outcomes: readonly StyleOutcome[]): CoverageSummary {
  const dep = outcomes.filter((o) => o.dependent);
  return {
    total: outcomes.length,
    accepted: outcomes.filter((o) => o.accepted).length,
    valid: outcomes.filter((o) => o.valid).length,
    dependent: { total: dep.length, accepted: dep.filter((o) => o.accepted).length, valid: dep.filter((o) => o.valid).length },
  };
}
