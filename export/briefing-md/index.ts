export { importBriefingMarkdown } from './import';
export { parseBriefingMarkdown } from './parse';
export { decodeBriefingFile } from './decode';

import type { Library } from '../../db/library';
import { storedKeys } from '../../db/repo/briefing-cites';
import { briefingToMarkdown } from './write';

/** The briefing (id, id prefix or title) as a Markdown file's text. Reads only. */
export function exportBriefingMarkdown(lib: Library, briefing: string): string {
  const keys = storedKeys(lib.db);
  const b = lib.getBriefing(briefing);
  const facts = lib.getFacts(b.sections.flatMap((s) => s.items.flatMap((i) => (i.kind === 'fact' ? [i.factId] : []))));
  return briefingToMarkdown(b, { isStoredKey: (k) => keys.isKey(k), factText: (id) => facts.get(id)?.text });
}
export { proseWithFullIds } from './prose-ids';
