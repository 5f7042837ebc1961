import { type VersionContent, type VersionNote, type VersionParagraph, sectionParagraphs } from './versions';

/**
 * What changed between two versions of a briefing, paragraph by paragraph and note by note:
 * the answer to "what is different from what we sent on Tuesday". A pure function of two
 * stored versions (or a version and the briefing as it is now).
 */
type ParagraphChange =
  | { kind: 'added'; after: string; at: number }
  | { kind: 'removed'; before: string; at: number }
  | { kind: 'changed'; before: string; after: string; at: number };

interface SectionDiff {
  key: string;
  heading: string;
  status: 'added' | 'removed' | 'changed';
  /** The heading before, when it was renamed. */
  headingBefore?: string;
  /** `at` is the paragraph's index (from 0) in the newer section; in the older one for removals. */
  changes: ParagraphChange[];
}

interface NoteChange {
  clusterId: string;
  kind: 'added' | 'removed' | 'changed';
  before?: VersionNote;
  after?: VersionNote;
}

interface SettingChange {
  setting: string;
  before?: string;
  after?: string;
}

export interface VersionDiff {
  settings: SettingChange[];
  sections: SectionDiff[];
  /** Notes whose text changed, or that came or went; a note only renumbered is not a change. */
  notes: NoteChange[];
  unchanged: boolean;
}

export interface VersionSide {
  content: VersionContent;
  notes: readonly VersionNote[];
}

export function diffVersions(from: VersionSide, to: VersionSide): VersionDiff {
  const settings = diffSettings(from.content, to.content);
  const sections: SectionDiff[] = [];
  const matched = new Set<string>();
  const findOld = (id: string, key: string) =>
    from.content.sections.find((s) => s.id === id) ?? from.content.sections.find((s) => s.key === key && !to.content.sections.some((t) => t.id === s.id));
  for (const section of to.content.sections) {
    const after = sectionParagraphs(section, to.content, to.notes);
    const old = findOld(section.id, section.key);
    if (!old) {
      sections.push({ key: section.key, heading: section.heading, status: 'added', changes: after.map((p, at) => ({ kind: 'added', after: p.text, at })) });
      continue;
    }
    matched.add(old.id);
    const changes = diffParagraphs(sectionParagraphs(old, from.content, from.notes), after);
    const renamed = old.heading !== section.heading;
    if (changes.length || renamed)
      sections.push({ key: section.key, heading: section.heading, status: 'changed', ...(renamed ? { headingBefore: old.heading } : {}), changes });
  }
  for (const old of from.content.sections) {
    if (matched.has(old.id)) continue;
    const before = sectionParagraphs(old, from.content, from.notes);
    sections.push({ key: old.key, heading: old.heading, status: 'removed', changes: before.map((p, at) => ({ kind: 'removed', before: p.text, at })) });
  }
  const notes = diffNotes(from.notes, to.notes);
  return { settings, sections, notes, unchanged: !settings.length && !sections.length && !notes.length };
}

const SETTINGS: readonly (keyof VersionContent)[] = ['title', 'templateId', 'styleId', 'notePlacement', 'marking', 'portionMarks', 'derivedFrom'];

function diffSettings(a: VersionContent, b: VersionContent): SettingChange[] {
  const out: SettingChange[] = [];
  const push = (setting: string, x: unknown, y: unknown) => {
    if (x === y) return;
    out.push({ setting, ...(x === undefined ? {} : { before: settingText(x) }), ...(y === undefined ? {} : { after: settingText(y) }) });
  };
  for (const k of SETTINGS) push(k, a[k], b[k]);
  for (const k of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) push(`fields.${k}`, a.fields[k] || undefined, b.fields[k] || undefined);
  return out;
}

function diffNotes(a: readonly VersionNote[], b: readonly VersionNote[]): NoteChange[] {
  const old = new Map(a.map((n) => [n.clusterId, n]));
  const out: NoteChange[] = [];
  for (const n of b) {
    const was = old.get(n.clusterId);
    if (!was) out.push({ clusterId: n.clusterId, kind: 'added', after: n });
    else if (was.text !== n.text) out.push({ clusterId: n.clusterId, kind: 'changed', before: was, after: n });
    old.delete(n.clusterId);
  }
  for (const n of old.values()) out.push({ clusterId: n.clusterId, kind: 'removed', before: n });
  return out;
}

/** Above this many cells the middle of a section is compared item by item, not by LCS. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Paragraph changes: the longest common subsequence of paragraph texts is unchanged; in each
 * gap between kept paragraphs, a removed and an added paragraph of the same item are one
 * changed paragraph (an edited sentence, a reworded fact), the rest are removals and additions.
 */
function diffParagraphs(a: readonly VersionParagraph[], b: readonly VersionParagraph[]): ParagraphChange[] {
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo].key === b[lo].key) lo++;
  let hiA = a.length;
  let hiB = b.length;
  while (hiA > lo && hiB > lo && a[hiA - 1].key === b[hiB - 1].key) {
    hiA--;
    hiB--;
  }
  const pairs = (hiA - lo) * (hiB - lo) <= MAX_LCS_CELLS ? lcsPairs(a, b, lo, hiA, lo, hiB) : [];
  const out: ParagraphChange[] = [];
  let i = lo;
  let j = lo;
  for (const [pi, pj] of [...pairs, [hiA, hiB] as const]) {
    out.push(...gapChanges(a, b, i, pi, j, pj));
    i = pi + 1;
    j = pj + 1;
  }
  return out;
}

/** Indices of kept paragraphs, in order, within a[loA, hiA) and b[loB, hiB). */
function lcsPairs(a: readonly VersionParagraph[], b: readonly VersionParagraph[], loA: number, hiA: number, loB: number, hiB: number): [number, number][] {
  const n = hiA - loA;
  const m = hiB - loB;
  if (!n || !m) return [];
  const w = m + 1;
  const len = new Int32Array((n + 1) * w);
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      len[x * w + y] = a[loA + x].key === b[loB + y].key ? len[(x + 1) * w + y + 1] + 1 : Math.max(len[(x + 1) * w + y], len[x * w + y + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let x = 0;
  let y = 0;
  while (x < n && y < m) {
    if (a[loA + x].key === b[loB + y].key) {
      pairs.push([loA + x, loB + y]);
      x++;
      y++;
    } else if (len[(x + 1) * w + y] >= len[x * w + y + 1]) x++;
    else y++;
  }
  return pairs;
}

function gapChanges(a: readonly VersionParagraph[], b: readonly VersionParagraph[], i0: number, i1: number, j0: number, j1: number): ParagraphChange[] {
  // Paragraphs of the same item pair up in order: the first removed with the first added.
  const added = new Map<string, number[]>();
  for (let j = j0; j < j1; j++) {
    const list = added.get(b[j].itemId);
    if (list) list.push(j);
    else added.set(b[j].itemId, [j]);
  }
  const partnerOf = new Map<number, number>();
  const out: ParagraphChange[] = [];
  for (let i = i0; i < i1; i++) {
    const j = added.get(a[i].itemId)?.shift();
    if (j === undefined) out.push({ kind: 'removed', before: a[i].text, at: i });
    else partnerOf.set(j, i);
  }
  for (let j = j0; j < j1; j++) {
    const i = partnerOf.get(j);
    out.push(i === undefined ? { kind: 'added', after: b[j].text, at: j } : { kind: 'changed', before: a[i].text, after: b[j].text, at: j });
  }
  return out;
}

/** A setting's value as shown in a diff: settings are strings, booleans or numbers; anything else as JSON. */
function settingText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}
