import { invalid } from '../../core/errors';
import { parseLocator } from '../../core/locator';
import type { Briefing } from '../../core/model';
import { userStyleDir, userTemplateDir } from '../../core/paths';
import type { Library } from '../../db/library';
import { dateRulesFor, getTemplate } from '../../export/template/index';
import { checkMarking, checkNotes, checkStyle, checkTemplate } from '../choices';
import type { Command, Values } from '../command';
import { briefingMarkdown } from '../briefing-markdown';
import { UsageError, flag, list, need, str } from '../command';
import { shortId, table } from '../table';
import { keepSessionEnd, showVersion } from './brief-history';

const SETTINGS_OPTIONS = {
  style: { type: 'string' },
  notes: { type: 'string' },
  marking: { type: 'string' },
  'portion-marks': { type: 'boolean' },
  'no-portion-marks': { type: 'boolean' },
  'derived-from': { type: 'boolean' },
  field: { type: 'string', multiple: true },
} as const;

const SETTINGS_HELP = `  --style ID           citation style (see: dossier styles)
  --notes footnotes|endnotes
  --marking M          raise the banner above what the cited facts require, e.g. S//NOFORN
  --portion-marks / --no-portion-marks   "(U)" before each paragraph, bullet, heading and the subject
  --derived-from       add a "Derived from" line (unmarked schemes; classified and CUI
                       documents always carry their first-page block)
  --field KEY=VALUE    memo header fields (repeatable): for, from, through, subject, date,
                       preparedBy, attachments, decideBy; dates (date, decideBy, asOf) as
                       2024-01-18, January 18, 2024 or 1/18/2024, printed in the template's style;
                       first-page marking block: classifiedBy, derivedFrom, declassifyOn
                       (classified); cuiControlledBy, cuiCategory, cuiDissemination, cuiPoc (CUI).
                       Defaults: dossier markings default`;

/** The settings given, each checked against what exists (styles, markings) before anything is written. */
async function settingsFromOptions(v: Values, lib: () => Library): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // An empty --style or --marking goes back to the template's style / the facts' own marking.
  const style = str(v, 'style');
  if (style !== undefined) out.styleId = style === '' ? style : await checkStyle(style, userStyleDir());
  if (str(v, 'notes') !== undefined) out.notePlacement = checkNotes(str(v, 'notes')!);
  const marking = str(v, 'marking');
  if (marking !== undefined) out.marking = marking === '' ? marking : checkMarking(lib(), marking);
  if (flag(v, 'portion-marks')) out.portionMarks = true;
  if (flag(v, 'no-portion-marks')) out.portionMarks = false;
  if (flag(v, 'derived-from')) out.derivedFrom = true;
  const fieldsGiven = list(v, 'field');
  if (fieldsGiven.length) {
    const fields: Record<string, string> = {};
    for (const f of fieldsGiven) {
      const eq = f.indexOf('=');
      if (eq < 1) throw invalid('field', `"${f}" must be KEY=VALUE, e.g. subject=Grain exports`);
      fields[f.slice(0, eq).trim()] = f.slice(eq + 1).trim();
    }
    out.fields = fields;
  }
  return out;
}

export const briefNewCommand: Command = {
  name: ['brief', 'new'],
  summary: 'start a briefing from a template',
  usage: 'dossier brief new --template ID --title T [settings]',
  help: `  --template ID        info-memo, action-memo, background-brief, talking-points, situation-report
                       (see: dossier templates)
  --title T            the briefing's title (for memos, also the default subject)
${SETTINGS_HELP}`,
  options: { template: { type: 'string' }, title: { type: 'string' }, 'template-dir': { type: 'string' }, ...SETTINGS_OPTIONS },
  async run(ctx) {
    const templateId = str(ctx.values, 'template');
    const title = str(ctx.values, 'title');
    if (!templateId) throw new UsageError('missing --template ID');
    if (!title) throw new UsageError('missing --title T');
    const templateDir = str(ctx.values, 'template-dir') ?? userTemplateDir();
    const template = getTemplate(checkTemplate(templateId, templateDir), templateDir);
    const settings = await settingsFromOptions(ctx.values, () => ctx.library());
    const b = ctx.library().createBriefing(
      { title, templateId: template.id, ...settings },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
      dateRulesFor(templateDir),
    );
    if (ctx.json) return b;
    ctx.out(`Created briefing ${b.id} "${b.title}" (${template.name}) with sections: ${b.sections.map((s) => s.key).join(', ')}`);
    return undefined;
  },
};

export const briefSetCommand: Command = {
  name: ['brief', 'set'],
  summary: "change a briefing's title, header fields, style, notes or marking",
  usage: 'dossier brief set BRIEF [--title T] [settings]',
  help: SETTINGS_HELP,
  options: { title: { type: 'string' }, ...SETTINGS_OPTIONS },
  async run(ctx) {
    const patch = await settingsFromOptions(ctx.values, () => ctx.library());
    if (str(ctx.values, 'title') !== undefined) patch.title = str(ctx.values, 'title');
    if (Object.keys(patch).length === 0) throw new UsageError('nothing to change');
    await keepSessionEnd(ctx, need(ctx, 0, 'BRIEF (id or title)'));
    const b = ctx.library().updateBriefing(need(ctx, 0, 'BRIEF (id or title)'), patch, dateRulesFor(userTemplateDir()));
    if (ctx.json) return b;
    ctx.out(`Updated briefing "${b.title}"`);
    return undefined;
  },
};

export const briefListCommand: Command = {
  name: ['brief', 'list'],
  summary: 'list briefings',
  usage: 'dossier brief list',
  run(ctx) {
    const list = ctx.library().listBriefings();
    if (ctx.json) return list;
    if (!list.length) return ctx.out('No briefings.');
    ctx.out(
      table(
        ['id', 'template', 'facts', 'changed', 'updated', 'title'],
        list.map((b) => [
          shortId(b.id),
          b.templateId,
          String(b.factCount),
          b.changedFacts ? String(b.changedFacts) : '',
          b.updatedAt.slice(0, 16).replace('T', ' '),
          b.title,
        ]),
      ),
    );
    if (list.some((b) => b.changedFacts)) ctx.out('"changed": facts corrected since the briefing used them (see: dossier brief changes BRIEF)');
    return undefined;
  },
};

export const briefShowCommand: Command = {
  name: ['brief', 'show'],
  summary: 'show a briefing: sections and their items, numbered; or a stored version with its notes',
  usage: 'dossier brief show BRIEF [--version N]',
  help: '  --version N          a stored version (see: dossier brief history), as text with its notes',
  options: { version: { type: 'string' } },
  run(ctx) {
    const lib = ctx.library();
    const version = str(ctx.values, 'version');
    if (version !== undefined) return showVersion(ctx, need(ctx, 0, 'BRIEF (id or title)'), version);
    const b = lib.getBriefing(need(ctx, 0, 'BRIEF (id or title)'));
    if (ctx.json) return b;
    ctx.out(renderOutline(b, (id) => lib.getFact(id).text));
    return undefined;
  },
};

/**
 * The settings that shape the export, each saying where it comes from: what `brief set`
 * changed, or the template's default (a briefing stores only what the user chose).
 */
function settingsLines(b: Briefing): string[] {
  let citation: { style: string; notes: string } | undefined;
  try {
    citation = getTemplate(b.templateId, userTemplateDir()).citation;
  } catch {
    citation = undefined; // a user template since removed: the briefing's own settings still show
  }
  const fromTemplate = (v: string | undefined) => (v ? `${v} (template default)` : '(template default)');
  return [
    `  style: ${b.styleId ?? fromTemplate(citation?.style)}`,
    `  notes: ${b.notePlacement ?? fromTemplate(citation?.notes)}`,
    `  marking: ${b.marking ? `${b.marking} (raised by you; never lower than the facts require)` : 'the highest marking of the facts cited'}`,
    `  portion marks: ${b.portionMarks ? 'on' : 'off'}; "Derived from" line: ${b.derivedFrom ? 'on' : 'off'}`,
  ];
}

function renderOutline(b: Briefing, factText: (id: string) => string): string {
  const lines = [`${b.title}  (${b.templateId}, ${b.id})`, ...settingsLines(b)];
  for (const [k, v] of Object.entries(b.fields)) lines.push(`  ${k}: ${v}`);
  let n = 0;
  for (const s of b.sections) {
    lines.push('', `${s.heading} [${s.key}]`);
    if (!s.items.length) lines.push('   (empty)');
    for (const it of s.items) {
      n++;
      const body =
        it.kind === 'prose'
          ? it.text
          : `${it.lead ? it.lead + ': ' : ''}${it.wording ?? factText(it.factId)}  [fact ${shortId(it.factId)}${it.wording ? ', reworded here' : ''}]`;
      lines.push(`${String(n).padStart(3)}. ${body}`);
    }
  }
  return lines.join('\n');
}

export const briefAddCommand: Command = {
  name: ['brief', 'add'],
  summary: 'add facts (or a prose paragraph) to a briefing',
  usage: 'dossier brief add BRIEF FACT… [--section S] [--at N] [--locator L] [--lead T] | --prose TEXT',
  help: `  --section S          section key or heading (default: the first section)
  --at N               insert before the N-th item of the section (default: at the end)
  --locator L          cite a different place than the fact's own locator (e.g. p. 14)
  --lead T             bold lead-in before the fact (talking-point topic)
  --prose TEXT         add a paragraph of your own words instead of facts; cite facts in it
                       as pandoc does: "Grain moved again [see @1c2f9a80, p. 4; @7be01d44]."`,
  options: { section: { type: 'string' }, at: { type: 'string' }, locator: { type: 'string' }, lead: { type: 'string' }, prose: { type: 'string' } },
  async run(ctx) {
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const prose = str(ctx.values, 'prose');
    const factIds = ctx.positionals.slice(1);
    if (prose === undefined && factIds.length === 0) throw new UsageError('give FACT ids or --prose TEXT');
    const loc = str(ctx.values, 'locator');
    const lead = str(ctx.values, 'lead');
    const items: unknown[] = prose !== undefined ? [{ kind: 'prose', text: (await briefingMarkdown()).proseWithFullIds(ctx.library(), prose) }] : [];
    for (const f of factIds) items.push({ kind: 'fact', factId: f, ...(loc ? { locator: parseLocator(loc) } : {}), ...(lead ? { lead } : {}) });
    const at = str(ctx.values, 'at');
    if (at !== undefined && !/^\d+$/.test(at)) throw new UsageError('--at must be a number');
    await keepSessionEnd(ctx, brief);
    const b = ctx.library().addItems(brief, items, str(ctx.values, 'section'), at === undefined ? undefined : Number(at) - 1);
    if (ctx.json) return b;
    ctx.out(`Added ${items.length} item(s) to "${b.title}".`);
    return undefined;
  },
};

export const briefMoveCommand: Command = {
  name: ['brief', 'move'],
  summary: 'move an item (by its number in `brief show`, or id) to another position or section',
  usage: 'dossier brief move BRIEF ITEM --to N [--section S]',
  help: `  ITEM                 the item's number as \`brief show\` prints it, counted through the
                       whole briefing (global: section 2 continues where section 1 ended),
                       or its id
  --to N               the position to move it to, counted within its section from 1
                       (per section: --to 1 is the top of the section)
  --section S          move it into this section (key or heading) at position N there`,
  options: { to: { type: 'string' }, section: { type: 'string' } },
  async run(ctx) {
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const item = need(ctx, 1, 'ITEM (number or id)');
    const to = str(ctx.values, 'to');
    if (!to || !/^\d+$/.test(to) || Number(to) < 1) throw new UsageError('--to N (position within the section, from 1) is required');
    await keepSessionEnd(ctx, brief);
    const b = ctx.library().moveItem(brief, item, Number(to) - 1, str(ctx.values, 'section'));
    if (ctx.json) return b;
    ctx.out(`Moved item ${item} of "${b.title}".`);
    return undefined;
  },
};

export const briefRmCommand: Command = {
  name: ['brief', 'rm'],
  summary: 'remove an item from a briefing, or (with no ITEM) delete the briefing',
  usage: 'dossier brief rm BRIEF [ITEM]',
  async run(ctx) {
    const lib = ctx.library();
    const brief = need(ctx, 0, 'BRIEF (id or title)');
    const item = ctx.positionals[1];
    if (item !== undefined) {
      await keepSessionEnd(ctx, brief);
      const b = lib.removeItem(brief, item);
      if (ctx.json) return b;
      ctx.out(`Removed item ${item} from "${b.title}".`);
      return undefined;
    }
    const b = lib.getBriefing(brief);
    lib.removeBriefing(b.id);
    if (ctx.json) return { removed: b.id };
    ctx.out(`Deleted briefing "${b.title}".`);
    return undefined;
  },
};
