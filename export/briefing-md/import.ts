import { DossierError, printable } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Briefing } from '../../core/model';
import type { Library } from '../../db/library';
import type { DateRulesFor } from '../../db/repo/briefings';
import { locatedError } from './located-error';
import { type ParsedBriefing, type ParsedItem, type ParsedSection, parseBriefingMarkdown } from './parse';
import type { KeyRef } from './read-prose';

/** What the importer needs of a template: its id and sections (export/template's Template fits). */
interface TemplateSections {
  id: string;
  sections: readonly { key: string; heading: string; required?: boolean }[];
}

export interface ImportMarkdownOptions {
  /** The template with this id; throws a DossierError for an unknown one. */
  template(id: string): TemplateSections;
  /** Which header fields of a template are dates, read and stored as YYYY-MM-DD (see core/header-dates.ts). */
  dates?: DateRulesFor;
}

/**
 * Reads a briefing file (./write.ts documents it) into a new briefing. Everything that can be
 * wrong with the file is found before anything is written — syntax, an unknown template, a
 * fact id that matches no fact or several — and reported with its line and column; the write
 * itself is one transaction through the Library's own methods, so a value the store refuses
 * (a marking not in the scheme, a text too long) also leaves the library as it was.
 *
 * Sections: a heading with a template key is that template section (its heading must be the
 * template's, in any case); one without a key finds the template section with that heading,
 * else it is a section of the analyst's own. Required template sections the file leaves out are
 * added, empty, next to their template neighbours (optional ones stay out: the analyst may have
 * removed them). Items before the first heading go to the first section.
 */
export function importBriefingMarkdown(lib: Library, input: string, opts: ImportMarkdownOptions): Briefing {
  const parsed = parseBriefingMarkdown(input);
  const { src, front } = parsed;
  const str = (key: string) => front.values.get(key)?.value as string | undefined;
  const at = (key: string) => front.values.get(key)?.at ?? front.start;
  const templateId = str('template');
  if (templateId === undefined) throw locatedError(src, front.start, 'the front matter needs "template: ID" (see: dossier templates)');
  const title = str('title');
  if (title === undefined) throw locatedError(src, front.start, 'the front matter needs "title: …"');
  let template: TemplateSections;
  try {
    template = opts.template(templateId);
  } catch (e) {
    if (e instanceof DossierError) throw locatedError(src, at('template'), `${e.message} (see: dossier templates)`);
    throw e;
  }
  const sections = planSections(parsed, template);
  const ids = resolveKeys(lib, src, parsed);

  const input_ = {
    title,
    templateId: template.id,
    ...(str('style') !== undefined ? { styleId: str('style') } : {}),
    ...(str('notes') !== undefined ? { notePlacement: str('notes') } : {}),
    ...(str('marking') !== undefined ? { marking: str('marking') } : {}),
    portionMarks: front.values.get('portionMarks')?.value === true,
    derivedFrom: front.values.get('derivedFrom')?.value === true,
    fields: (front.values.get('fields')?.value as Record<string, string> | undefined) ?? {},
  };
  return lib.db.transaction(() => {
    let b: Briefing;
    try {
      b = lib.createBriefing(
        input_,
        sections.map((s) => ({ key: s.key, heading: s.heading })),
        opts.dates,
      );
    } catch (e) {
      throw frontMatterError(src, e, at);
    }
    b.sections.forEach((section, i) => {
      const items = sections[i].items;
      if (!items.length) return;
      try {
        lib.addItems(
          b.id,
          items.map((it) => storedItem(it, ids)),
          section.id,
        );
      } catch (e) {
        throw itemError(src, e, items);
      }
    });
    return lib.getBriefing(b.id);
  })();
}

interface PlannedSection {
  key: string;
  heading: string;
  items: ParsedItem[];
}

function planSections(parsed: ParsedBriefing, template: TemplateSections): PlannedSection[] {
  const { src } = parsed;
  const byKey = new Map(template.sections.map((s) => [s.key.toLowerCase(), s]));
  const byHeading = new Map(template.sections.map((s) => [s.heading.toLowerCase(), s]));
  const out: PlannedSection[] = [];
  const seenKeys = new Map<string, ParsedSection>();
  const seenHeadings = new Map<string, ParsedSection>();
  for (const s of parsed.sections) {
    const t = s.key !== undefined ? byKey.get(s.key.toLowerCase()) : byHeading.get(s.heading.toLowerCase());
    if (t && s.heading && s.heading.toLowerCase() !== t.heading.toLowerCase()) {
      throw locatedError(src, s.at, `section "${t.key}" is the template's "${t.heading}" and keeps that heading; give a section of your own another key`);
    }
    const key = t?.key ?? s.key ?? `custom-${newId().slice(0, 8)}`;
    const heading = t?.heading ?? s.heading;
    const dupKey = seenKeys.get(key.toLowerCase());
    if (dupKey) throw locatedError(src, s.at, `a second section "${key}" (the first is on line ${lineOf(src, dupKey.at)})`);
    const dupHeading = seenHeadings.get(heading.toLowerCase());
    if (dupHeading) throw locatedError(src, s.at, `a second section called "${heading}" (the first is on line ${lineOf(src, dupHeading.at)})`);
    seenKeys.set(key.toLowerCase(), s);
    seenHeadings.set(heading.toLowerCase(), s);
    out.push({ key, heading, items: s.items });
  }
  // Required sections the file leaves out, each after the nearest earlier template section present.
  template.sections.forEach((t, i) => {
    if (!t.required || out.some((s) => s.key === t.key)) return;
    const before = template.sections
      .slice(0, i)
      .reverse()
      .find((p) => out.some((s) => s.key === p.key));
    const at = before ? out.findIndex((s) => s.key === before.key) + 1 : 0;
    out.splice(at, 0, { key: t.key, heading: t.heading, items: [] });
  });
  if (parsed.leading.length) {
    if (!out.length) throw locatedError(src, parsed.leading[0].at, 'the template has no sections to put this text in; add a "## Heading" line above it');
    out[0].items = [...parsed.leading, ...out[0].items];
  }
  return out;
}

function lineOf(src: string, offset: number): number {
  let n = 1;
  for (let k = src.indexOf('\n'); k !== -1 && k < offset; k = src.indexOf('\n', k + 1)) n++;
  return n;
}

/** Every key to its full fact id; the first key in file order that matches no fact, or several, is the error. */
function resolveKeys(lib: Library, src: string, parsed: ParsedBriefing): Map<string, string> {
  const refs: KeyRef[] = [];
  for (const s of [{ items: parsed.leading }, ...parsed.sections]) {
    for (const it of s.items) {
      if (it.kind === 'fact') refs.push(it.fact);
      else for (const p of it.pieces) if (typeof p !== 'string') refs.push(p);
    }
  }
  return resolveRefs(lib, src, refs);
}

/** Full fact ids for keys as typed; an unknown or ambiguous key is an error at its line and column. */
export function resolveRefs(lib: Library, src: string, refs: readonly KeyRef[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const ref of refs) {
    if (ids.has(ref.key)) continue;
    try {
      ids.set(ref.key, lib.getFact(ref.key).id);
    } catch (e) {
      if (!(e instanceof DossierError)) throw e;
      const why =
        e.code === 'not_found' ? `no fact has the id "${printable(ref.key)}"` : `fact id "${printable(ref.key)}" matches more than one fact; type more of it`;
      throw locatedError(src, ref.at, why);
    }
  }
  return ids;
}

function storedItem(it: ParsedItem, ids: ReadonlyMap<string, string>): Record<string, unknown> {
  if (it.kind === 'prose') {
    const text = it.pieces.map((p) => (typeof p === 'string' ? p : ids.get(p.key)!)).join('');
    return { kind: 'prose', text, ...(it.marking !== undefined ? { marking: it.marking } : {}) };
  }
  const out: Record<string, unknown> = { kind: 'fact', factId: ids.get(it.fact.key)! };
  if (it.locator) out.locator = it.locator;
  if (it.lead !== undefined) out.lead = it.lead;
  if (it.wording !== undefined) out.wording = it.wording;
  if (it.marking !== undefined) out.marking = it.marking;
  return out;
}

const FRONT_KEY_OF: Record<string, string> = {
  title: 'title',
  templateId: 'template',
  styleId: 'style',
  notePlacement: 'notes',
  marking: 'marking',
  fields: 'fields',
};

/** A refusal of the briefing's own values, pointed at its front-matter line. */
function frontMatterError(src: string, e: unknown, at: (key: string) => number): unknown {
  // A header date the template cannot read ("fields.decideBy: cannot read …").
  if (e instanceof DossierError && e.field?.startsWith('fields.')) return locatedError(src, at(e.field), e.message);
  if (!(e instanceof DossierError) || !e.field?.startsWith('briefing.')) return e;
  const [, name = '', entry] = e.field.split('.');
  const key = FRONT_KEY_OF[name] ?? name;
  const where = entry && name === 'fields' ? `fields.${entry}` : key;
  return locatedError(src, at(where), `${where}: ${e.message.slice(e.field.length + 2)}`);
}

/** A refusal of one item ("items[3].marking: …"), pointed at that item in the file. */
function itemError(src: string, e: unknown, items: readonly ParsedItem[]): unknown {
  const m = e instanceof DossierError && e.field ? /^items\[(\d+)\]\.?(.*)$/.exec(e.field) : null;
  const item = m ? items[Number(m[1])] : undefined;
  if (!m || !item || !(e instanceof DossierError)) return e;
  const what = m[2] ? (m[2] === 'text' ? 'the text' : m[2]) : 'the item';
  return locatedError(src, item.at, `${what}: ${e.message.slice(e.field!.length + 2)}`);
}
