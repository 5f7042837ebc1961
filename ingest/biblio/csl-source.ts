import type { CslItem } from '../../core/csl';
import { cslToSourceInput, sourceToCsl } from '../../core/csl-map';
import type { Reliability, Source, SourceInput, SourceType } from '../../core/model';
import { RELIABILITY_GRADES, SOURCE_TYPES } from '../../core/model';

/**
 * The two directions between CSL items and sources for bibliography files, built on
 * core/csl-map.ts and exact inverses of each other, so exporting and importing again gives
 * the same sources:
 * - CSL types Dossier has a close type for are stored as that type, the CSL type kept in
 *   extra["original-type"] (as csl-map does for the types it stores as "document"), and
 *   exported as the CSL type again, so Zotero gets back a conference paper, not a "document";
 * - a source's reliability grade travels in CSL's `custom` object ("dossier-reliability"),
 *   the place CSL-JSON reserves for application data;
 * - a date with no calendar parts ("circa 2024", "n.d.") is kept as a CSL literal in extra,
 *   so citations still show it.
 */

/** CSL types stored as a Dossier type other than "document". */
const STORED_AS: Record<string, SourceType> = {
  'paper-conference': 'chapter',
  regulation: 'legislation',
};

const RELIABILITY_KEY = 'dossier-reliability';

/** The Dossier type a CSL type is stored as. */
function storedType(cslType: string): SourceType {
  if ((SOURCE_TYPES as readonly string[]).includes(cslType)) return cslType as SourceType;
  return STORED_AS[cslType] ?? 'document';
}

export function cslItemToSourceInput(item: CslItem): SourceInput {
  let it: CslItem = item;
  const mapped = STORED_AS[item.type];
  if (mapped) it = { ...it, type: mapped, 'original-type': typeof item['original-type'] === 'string' ? item['original-type'] : item.type };

  let reliability: Reliability | undefined;
  const custom = it.custom;
  if (isObject(custom) && (RELIABILITY_GRADES as readonly unknown[]).includes(custom[RELIABILITY_KEY])) {
    reliability = custom[RELIABILITY_KEY] as Reliability;
    const rest = { ...custom };
    delete rest[RELIABILITY_KEY];
    it = { ...it };
    if (Object.keys(rest).length) it.custom = rest;
    else delete it.custom;
  }

  const input = cslToSourceInput(it);
  if (reliability) input.reliability = reliability;
  for (const field of ['issued', 'accessed'] as const) {
    const d = it[field];
    if (d && input[field] === undefined && typeof d.literal === 'string' && d.literal.trim()) {
      input.extra = { ...input.extra, [field]: { literal: d.literal } };
    }
  }
  return input;
}

/** Source → CSL item for export: sourceToCsl, with the original CSL type and the grade restored. */
export function sourceToExportCsl(s: Source): CslItem {
  const item = sourceToCsl(s);
  const original = s.extra['original-type'];
  // Only while the stored type still follows from it: a type the user changed later wins.
  if (typeof original === 'string' && original !== s.type && storedType(original) === s.type) {
    item.type = original;
    delete item['original-type'];
  }
  if (s.reliability) item.custom = { ...(isObject(item.custom) ? item.custom : {}), [RELIABILITY_KEY]: s.reliability };
  return item;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
