import type { RisRecord } from './citejs';

/**
 * Reads a RIS file into records, line by line. The ris plugin's own file reader throws a
 * TypeError for a tag before the first "TY" and has no notion of line numbers; this one skips
 * what it cannot place, says where, and keeps going.
 */

interface RisChunk {
  record: RisRecord;
  /** 1-based line of the record's TY tag. */
  line: number;
}

export interface RisSplit {
  records: RisChunk[];
  warnings: string[];
}

/** "TY  - JOUR"; exporters differ in the spaces around the dash, so accept one or two. */
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$/;

export function splitRis(text: string): RisSplit {
  const records: RisChunk[] = [];
  const warnings: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let current: RisChunk | undefined;
  let lastTag: string | undefined;
  let strayLine = 0;

  const close = () => {
    if (current) records.push(current);
    current = undefined;
    lastTag = undefined;
  };

  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const m = TAG_LINE.exec(raw.trimEnd());
    if (!m) {
      // A continuation of the previous tag's value (long abstracts wrap).
      const more = raw.trim();
      if (more && current && lastTag) append(current.record, lastTag, more);
      continue;
    }
    const tag = m[1];
    const value = (m[2] ?? '').trim();
    if (tag === 'TY') {
      if (current) warnings.push(`RIS record at line ${current.line} has no "ER" line; it ends where the next record starts (line ${n + 1}).`);
      close();
      if (strayLine) {
        warnings.push(`RIS lines from line ${strayLine} are outside any record (no "TY" line before them) and were ignored.`);
        strayLine = 0;
      }
      current = { record: { TY: value.toUpperCase() }, line: n + 1 };
      continue;
    }
    if (tag === 'ER') {
      close();
      continue;
    }
    if (!current) {
      if (!strayLine) strayLine = n + 1;
      continue;
    }
    if (!value) {
      lastTag = undefined;
      continue;
    }
    const prev = current.record[tag];
    current.record[tag] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    lastTag = tag;
  }
  if (current) {
    const c: RisChunk = current;
    warnings.push(`RIS record at line ${c.line} has no "ER" line at the end of the file; it was read anyway.`);
    close();
  }
  if (strayLine) warnings.push(`RIS lines from line ${strayLine} are outside any record (no "TY" line before them) and were ignored.`);
  return { records, warnings };
}

function append(record: RisRecord, tag: string, more: string): void {
  const v = record[tag];
  if (Array.isArray(v)) v[v.length - 1] = `${v[v.length - 1]} ${more}`;
  else if (v !== undefined) record[tag] = `${v} ${more}`;
}
