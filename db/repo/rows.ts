import type { CslName } from '../../core/csl';
import type { Credibility, Fact, FactKind, LocatorLabel, Reliability, Source, SourceType } from '../../core/model';

/** Row shapes as SQLite returns them, and their mapping onto the model (nulls become absent). */

export interface SourceRow {
  id: string;
  type: string;
  title: string;
  authors: string;
  editors: string;
  container_title: string | null;
  publisher: string | null;
  publisher_place: string | null;
  issued: string | null;
  accessed: string | null;
  url: string | null;
  doi: string | null;
  pages: string | null;
  volume: string | null;
  issue: string | null;
  number: string | null;
  language: string | null;
  notes: string | null;
  reliability: string | null;
  extra: string;
  created_at: string;
  updated_at: string;
}

export interface FactRow {
  seq: number;
  id: string;
  text: string;
  kind: string;
  source_id: string;
  locator_label: string | null;
  locator_value: string | null;
  attribution_name: string | null;
  attribution_role: string | null;
  via_source_id: string | null;
  event_date: string | null;
  event_date_end: string | null;
  figure_stated: string | null;
  figure_value: number | null;
  figure_unit: string | null;
  credibility: number | null;
  marking: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  verified_at: string | null;
  tags: string | null;
}

/** Copies only present values, so optional fields are absent rather than null/undefined. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null | undefined): void {
  if (value !== null && value !== undefined) target[key] = value;
}

export function sourceFromRow(r: SourceRow): Source {
  const s: Source = {
    id: r.id,
    type: r.type as SourceType,
    title: r.title,
    authors: JSON.parse(r.authors) as CslName[],
    editors: JSON.parse(r.editors) as CslName[],
    extra: JSON.parse(r.extra) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  put(s, 'containerTitle', r.container_title);
  put(s, 'publisher', r.publisher);
  put(s, 'publisherPlace', r.publisher_place);
  put(s, 'issued', r.issued);
  put(s, 'accessed', r.accessed);
  put(s, 'url', r.url);
  put(s, 'doi', r.doi);
  put(s, 'pages', r.pages);
  put(s, 'volume', r.volume);
  put(s, 'issue', r.issue);
  put(s, 'number', r.number);
  put(s, 'language', r.language);
  put(s, 'notes', r.notes);
  put(s, 'reliability', r.reliability as Reliability | null);
  return s;
}

export function factFromRow(r: FactRow): Fact {
  const f: Fact = {
    id: r.id,
    text: r.text,
    kind: r.kind as FactKind,
    sourceId: r.source_id,
    tags: r.tags ? (JSON.parse(r.tags) as string[]).sort((a, b) => a.localeCompare(b)) : [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.locator_label && r.locator_value) f.locator = { label: r.locator_label as LocatorLabel, value: r.locator_value };
  if (r.attribution_name || r.attribution_role) {
    f.attribution = {};
    put(f.attribution, 'name', r.attribution_name);
    put(f.attribution, 'role', r.attribution_role);
  }
  put(f, 'viaSourceId', r.via_source_id);
  put(f, 'eventDate', r.event_date);
  put(f, 'eventDateEnd', r.event_date_end);
  if (r.figure_stated) {
    f.figure = { stated: r.figure_stated };
    put(f.figure, 'value', r.figure_value);
    put(f.figure, 'unit', r.figure_unit);
  }
  put(f, 'credibility', r.credibility as Credibility | null);
  put(f, 'marking', r.marking);
  put(f, 'notes', r.notes);
  put(f, 'verifiedAt', r.verified_at);
  return f;
}

/** The fact columns plus its tags as a JSON array, for every query that returns facts. */
export const FACT_SELECT = `
  SELECT f.*, (SELECT json_group_array(t.name) FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = f.seq) AS tags
  FROM facts f`;
