import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import infoMemoJson from '../../templates/builtin/info-memo.json';
import { builtInTemplates, getTemplate, listTemplates, loadTemplateFile, parseTemplate, templateProblems } from './load';
import { STYLE_ROLES } from './schema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-templates-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const write = (name: string, data: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return path;
};

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DossierError);
    return e as DossierError;
  }
  throw new Error('expected a DossierError');
}

describe('built-in templates', () => {
  it('all five are valid and listed', () => {
    expect(builtInTemplates().map((t) => t.id)).toEqual(['info-memo', 'action-memo', 'background-brief', 'talking-points', 'situation-report']);
    const list = listTemplates();
    expect(list).toHaveLength(5);
    for (const s of list) {
      expect(s.source).toBe('built-in');
      expect(s.name).not.toBe('');
      expect(s.description.length).toBeGreaterThan(20);
    }
  });

  it('follow memo conventions', () => {
    const info = getTemplate('info-memo');
    expect(info.heading).toBe('INFO MEMO');
    expect(info.headerFields.map((f) => f.label)).toEqual(['FOR', 'FROM', 'THROUGH', 'SUBJECT']);
    expect(info.headerFields.find((f) => f.key === 'through')!.required).toBe(false);
    expect(info.sections[0]).toMatchObject({ key: 'bluf', required: true, runIn: true });
    expect(info.citation).toMatchObject({ style: 'chicago-fullnote-bibliography-with-ibid', notes: 'footnotes' });
    expect(info.limits).toEqual({ pages: 2, blufLines: 4, subjectNoAcronyms: true });
    expect(info.fonts.body).toEqual({ family: 'Times New Roman', size: 12 });
    expect(info.pageNumbers).toMatchObject({ position: 'bottom-center', fromPage: 2 });
    expect(info.closing.attachments).toEqual({ label: 'Attachments', default: 'As stated' });
    expect(info.closing.preparedBy).toEqual({ label: 'Prepared by' });
    expect(info.decision).toBeUndefined();

    const action = getTemplate('action-memo');
    expect(action.heading).toBe('ACTION MEMO');
    expect(action.decision).toMatchObject({ lines: ['Approve', 'Disapprove', 'Other'], decideBy: true, after: 'recommendation' });
    expect(action.sections.map((s) => s.key)).toContain('recommendation');

    const tp = getTemplate('talking-points');
    expect(tp.citation).toMatchObject({ style: 'chicago-fullnote-bibliography-with-ibid', notes: 'endnotes' });
    expect(tp.limits.pages).toBe(1);
    expect(getTemplate('background-brief').sections.map((s) => s.key)).toEqual(['purpose', 'keyPoints', 'background', 'outlook']);
    expect(getTemplate('situation-report').sections.map((s) => s.key)).toEqual(['situation', 'keyDevelopments', 'assessment', 'outlook', 'nextReport']);
  });

  it('define every named style with distinct ids', () => {
    for (const t of builtInTemplates()) {
      const ids = STYLE_ROLES.map((r) => t.styles[r].id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(t.styles.title.name).toBe('Dossier Memo Title');
      expect(t.styles.headerField.name).toBe('Dossier Header Field');
      expect(t.styles.bluf.name).toBe('Dossier BLUF');
      expect(t.styles.bullet.name).toBe('Dossier Bullet');
      expect(t.styles.body.name).toBe('Dossier Body');
      expect(t.styles.heading.name).toBe('Dossier Heading');
      expect(t.styles.sourcesEntry.name).toBe('Dossier Sources Entry');
    }
  });

  it('unknown ids are not_found', () => {
    expect(errorOf(() => getTemplate('no-such-memo')).code).toBe('not_found');
  });
});

describe('user templates', () => {
  it('are listed after the built-ins and can replace one', () => {
    const custom = { ...clone(infoMemoJson), id: 'ministry-note', name: 'Ministry note' };
    write('ministry-note.json', custom);
    const override = { ...clone(infoMemoJson), name: 'Our info memo' };
    write('info-memo.json', override);
    const list = listTemplates(dir);
    expect(list.map((t) => `${t.id}:${t.source}`)).toEqual([
      'action-memo:built-in',
      'background-brief:built-in',
      'talking-points:built-in',
      'situation-report:built-in',
      'info-memo:user',
      'ministry-note:user',
    ]);
    expect(getTemplate('info-memo', dir).name).toBe('Our info memo');
    expect(getTemplate('ministry-note', dir).source).toBe('user');
    expect(getTemplate('action-memo', dir).source).toBe('built-in');
  });

  it('a missing user folder is an empty one', () => {
    expect(listTemplates(join(dir, 'nope'))).toHaveLength(5);
  });

  it('fill in defaults for what they leave out', () => {
    const path = write('minimal.json', {
      formatVersion: 1,
      id: 'minimal',
      name: 'Minimal',
      sections: [{ key: 'body', heading: 'Body', layout: 'paragraphs' }],
      citation: { style: 'apa', notes: 'footnotes' },
    });
    const t = loadTemplateFile(path);
    expect(t.page).toEqual({ size: 'letter', margins: { top: 1, right: 1, bottom: 1, left: 1, header: 0.5, footer: 0.5 } });
    expect(t.fonts.notes).toEqual({ family: 'Times New Roman', size: 10 });
    expect(t.styles.bullet.id).toBe('DossierBullet');
    expect(t.sections[0]).toEqual({
      key: 'body',
      heading: 'Body',
      guidance: '',
      required: false,
      layout: 'paragraphs',
      showHeading: true,
      runIn: false,
      checkClaims: true,
    });
    expect(t.closing).toEqual({ derivedFromLabel: 'Derived From' });
  });

  it('a broken template names the file, the field and the problem', () => {
    const bad = clone(infoMemoJson) as Record<string, unknown> & { sections: Array<Record<string, unknown>> };
    bad.sections[2].layout = 'table';
    const path = write('x.json', bad);
    const err = errorOf(() => loadTemplateFile(path));
    expect(err.code).toBe('validation');
    expect(err.message).toBe(`${path}: sections[2].layout: must be one of bullets, paragraphs, numbered`);
    expect(err.field).toBe('sections[2].layout');
  });

  it.each([
    ['missing field', (t: any) => delete t.name, 'name: is required'],
    ['wrong type', (t: any) => (t.headerFields[1].required = 'yes'), 'headerFields[1].required: must be true or false, not text'],
    ['unknown field', (t: any) => (t.sections[0].layuot = 'bullets'), 'sections[0].layuot: unknown field "layuot" (check the spelling)'],
    ['bad note placement', (t: any) => (t.citation.notes = 'sidenotes'), 'citation.notes: must be one of footnotes, endnotes'],
    ['bad page size', (t: any) => (t.page.size = 'legal'), 'page.size: must be one of letter, a4'],
    ['bad style id', (t: any) => (t.styles.body.id = 'Dossier Body'), 'styles.body.id: must be letters and digits only'],
    ['duplicate section key', (t: any) => (t.sections[1].key = 'bluf'), 'sections[1].key: "bluf" is already the key of sections[0]'],
    ['duplicate style id', (t: any) => (t.styles.body.id = 'DossierBullet'), 'styles.bullet.id: "DossierBullet" is already the id of styles.body'],
    ['page number format', (t: any) => (t.pageNumbers.format = 'Page'), 'pageNumbers.format: must contain {PAGE}'],
    [
      'huge margins',
      (t: any) => {
        t.page.margins.left = 4;
        t.page.margins.right = 4;
      },
      'page.margins: left and right margins leave less than 1 inch',
    ],
    ['format version', (t: any) => (t.formatVersion = 2), 'formatVersion: must be 1'],
    ['no sections', (t: any) => (t.sections = []), 'sections: must have at least one section'],
    ['bad decision anchor', (t: any) => (t.decision = { lines: ['Approve'], after: 'nowhere' }), 'decision.after: "nowhere" is not the key of any section'],
  ])('%s', (_name, mutate, message) => {
    const t = clone(infoMemoJson);
    mutate(t);
    const path = write('broken.json', t);
    const err = errorOf(() => loadTemplateFile(path));
    expect(err.code).toBe('validation');
    expect(err.message.startsWith(`${path}: `)).toBe(true);
    expect(err.message).toContain(message);
  });

  it('reports invalid JSON with its line', () => {
    const path = write('syntax.json', '{\n  "formatVersion": 1,\n  "id": "x",\n}\n');
    const err = errorOf(() => loadTemplateFile(path));
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(file\\): is not valid JSON`));
  });

  it('a missing file is not_found', () => {
    expect(errorOf(() => loadTemplateFile(join(dir, 'none.json'))).code).toBe('not_found');
  });

  it('listing skips broken files and templateProblems says why; getTemplate throws their error', () => {
    const bad = clone(infoMemoJson) as any;
    bad.id = 'broken-memo';
    bad.sections[0].layout = 'grid';
    write('broken-memo.json', bad);
    expect(listTemplates(dir).map((t) => t.id)).not.toContain('broken-memo');
    const problems = templateProblems(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('sections[0].layout: must be one of bullets, paragraphs, numbered');
    const err = errorOf(() => getTemplate('broken-memo', dir));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('broken-memo.json: sections[0].layout');
  });

  it('a letterhead must be a .docx next to the template', () => {
    const t = { ...clone(infoMemoJson), id: 'with-letterhead', letterhead: 'letterhead.docx' };
    const path = write('with-letterhead.json', t);
    expect(errorOf(() => loadTemplateFile(path)).message).toBe(`${path}: letterhead: file not found: letterhead.docx`);
    writeFileSync(join(dir, 'letterhead.docx'), 'not checked here');
    expect(loadTemplateFile(path).letterheadPath).toBe(join(dir, 'letterhead.docx'));
    const escape = write('escape.json', { ...t, letterhead: '../secret.docx' });
    expect(errorOf(() => loadTemplateFile(escape)).message).toContain('letterhead: must be a file next to the template');
    const notDocx = write('notdocx.json', { ...t, letterhead: 'letterhead.pdf' });
    expect(errorOf(() => loadTemplateFile(notDocx)).message).toContain('letterhead: must be a .docx file');
  });

  it('built-ins may not name a letterhead', () => {
    const err = errorOf(() => parseTemplate({ ...clone(infoMemoJson), letterhead: 'x.docx' }, 'templates/builtin/info-memo.json', 'built-in'));
    expect(err.message).toBe('templates/builtin/info-memo.json: letterhead: built-in templates cannot name a letterhead');
  });
});
