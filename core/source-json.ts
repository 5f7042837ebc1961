import { sourceToCsl } from './csl-map';
import type { Source, SourceInput } from './model';

/** A source as JSON: its CSL-JSON fields plus Dossier's own. */
export function sourceJson(s: Source & { factCount?: number }): Record<string, unknown> {
  const out: Record<string, unknown> = { ...sourceToCsl(s), id: s.id };
  if (s.reliability) out.reliability = s.reliability;
  out.createdAt = s.createdAt;
  out.updatedAt = s.updatedAt;
  if (s.factCount !== undefined) out.factCount = s.factCount;
  return out;
}

/** A source not yet written (a dry run): its CSL-JSON fields, without an id. */
export function sourcePreviewJson(input: SourceInput): Record<string, unknown> {
  const { id: _none, ...csl } = sourceToCsl({
    ...input,
    id: '',
    authors: input.authors ?? [],
    editors: input.editors ?? [],
    extra: input.extra ?? {},
    createdAt: '',
    updatedAt: '',
  });
  return input.reliability ? { ...csl, reliability: input.reliability } : csl;
}
