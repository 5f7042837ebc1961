import type { Highlight } from '../../core/highlight';
import type { FactContext } from '../../db/originals/context';
import type { OriginalHit } from '../../db/originals/search';
import type { OriginalInfo } from '../../db/originals/store';
import { locatorText } from '../format';

/**
 * How the command line shows the stored originals: the passage around a fact
 * (`fact show --context`) and passages found by `facts --search Q --originals`.
 */
function describeOriginal(o: OriginalInfo): string {
  return `${o.fileName ? `${o.fileName}, ` : ''}sha256 ${o.sha256.slice(0, 12)}…, captured ${o.capturedAt.slice(0, 10)}`;
}

/** The passage a fact comes from, its words between » and «, with where it was read. */
export function contextText(c: FactContext): string {
  switch (c.status) {
    case 'none':
      return 'No stored original: this source was not captured from a file.';
    case 'damaged':
      return `The stored original (${describeOriginal(c.original)}) is damaged: its hash no longer matches, so it is not shown. Run "dossier check"; a backup has it.`;
    case 'ok': {
      const where = c.locator ? `, ${locatorText(c)}` : '';
      const head = `From the stored original (${describeOriginal(c.original)})${where}`;
      const note =
        c.found === 'elsewhere'
          ? " — the fact's words are here, not at its own locator"
          : c.found === 'not-found'
            ? " — the fact's words were not found in it"
            : '';
      const body = c.match ? `${c.before}»${c.match}«${c.after}` : c.before;
      return `${head}${note}:\n${indent(body || '(nothing at this locator)')}`;
    }
  }
}

/** Search hits in the originals, marked as passages not kept as facts. */
export function originalHitsText(hits: readonly OriginalHit[], bold: (t: string) => string): string {
  if (hits.length === 0) return 'No passages found in the stored originals.';
  const lines = [`In stored originals (the captured files' own text, not facts): ${hits.length}`];
  for (const h of hits) {
    const text = snippet(h.highlights ?? [{ text: h.text, match: false }], bold);
    const where = [h.sources.map((s) => s.title).join('; '), h.locator ? locatorText(h) : ''].filter(Boolean).join(', ');
    lines.push(`  [original] ${text}  — ${where} (source ${h.sources.map((s) => s.id.slice(0, 8)).join(', ')})`);
  }
  return lines.join('\n');
}

/** About 300 characters of a passage, from a little before its first matched word. */
function snippet(parts: readonly Highlight[], bold: (t: string) => string): string {
  const first = parts.findIndex((p) => p.match);
  const lead = first < 0 ? 0 : parts.slice(0, first).reduce((n, p) => n + p.text.length, 0);
  const total = parts.reduce((n, p) => n + p.text.length, 0);
  const from = lead > 100 ? lead - 80 : 0;
  const to = Math.min(total, from + 300);
  let at = 0;
  let out = '';
  for (const p of parts) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + p.text.length);
    if (b > a) out += p.match ? bold(p.text.slice(a - at, b - at)) : p.text.slice(a - at, b - at);
    at += p.text.length;
  }
  return `${from > 0 ? '…' : ''}${out}${to < total ? '…' : ''}`;
}

function indent(t: string): string {
  return t
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
