import * as z from 'zod';
import { LOCATOR_LABELS, type Fact, type Briefing, type BriefingSummary, type Source } from '../core/model';
import type { MarkingScheme } from '../core/markings';
import type { CheckReport } from '../db/repo/maintenance';
import type { FactHit, SearchResult, SourceBrief } from '../db/repo/search';
import type { SourceWithCount } from '../db/repo/sources';
import type { RenamedTag, TagCount } from '../db/repo/tags';
import type { SavedSearch } from '../db/repo/saved-searches';
import type { BriefingUse } from '../db/repo/facts';
import type { FactContext } from '../db/originals/context';
import type { Candidate } from '../ingest/candidates';
import type { ImportedDocument } from '../ingest/document';
import type { PreviewCitation, PreviewDocument } from '../export/preview-document';
import type { PreflightWarning } from '../export/preflight';
import type { ExportResult } from '../export/export-briefing';
import type { FactChange } from '../db/repo/briefing-seen';
import type { Restored } from '../db/repo/briefing-versions';
import type { BriefingVersion, VersionSummary } from '../core/versions';
import type { VersionDiff } from '../core/version-diff';
import type { Template, TemplateSummary } from '../export/template/index';
import type { TeamConflict, TeamShareResult, TeamStatus } from './team-types';

/**
 * The one contract between the renderer and the core. Each call has a name ("domain:verb"),
 * a schema for its argument — checked in the main process before the core is touched — and
 * a result type. The preload exposes exactly these calls; the end-to-end tests bind the same
 * contract to the same handlers. The renderer imports types from here, never core code.
 */

const id = z.string().min(1).max(200);
const obj = z.record(z.string(), z.unknown());
const sort = z.enum(['relevance', 'newest', 'oldest', 'event', 'issued']);
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

const factQuerySchema = z.strictObject({
  text: z.string().max(1000).optional(),
  prefixLast: z.boolean().optional(),
  tags: z.array(z.string().max(100)).max(20).optional(),
  sourceId: id.optional(),
  sourceTypes: z.array(z.string().max(50)).max(30).optional(),
  kinds: z.array(z.enum(['quote', 'paraphrase', 'statistic'])).optional(),
  reliability: z.array(z.enum(['A', 'B', 'C', 'D', 'E', 'F'])).optional(),
  markings: z.array(z.string().max(100)).max(20).optional(),
  hasFigure: z.boolean().optional(),
  eventFrom: date.optional(),
  eventTo: date.optional(),
  issuedFrom: date.optional(),
  issuedTo: date.optional(),
  notVerifiedSince: date.optional(),
  sort: sort.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
});

/** A saved search's query as the library stores it (db/repo/saved-searches.ts): no paging, no search-as-you-type. */
const savedQuerySchema = factQuerySchema.omit({ limit: true, offset: true, prefixLast: true });

/** A file the user dropped or opened (PDF, Word, web page …): its name and bytes as base64. */
const captureFile = z.strictObject({ name: z.string().min(1).max(255), base64: z.string().max(28_000_000) });

/**
 * The password of an encrypted PDF in `file`. Without it (or with a wrong one) the call fails
 * with the error code 'password_required', and the capture screen asks for it.
 */
const pdfPassword = z.string().min(1).max(1024);

/** The file the desktop shell read for a document, kept until the capture is saved (its SHA-256). */
const originalId = z.string().regex(/^[0-9a-f]{64}$/);

const versionNumber = z.number().int().min(1).max(1_000_000_000);

const locator = z.strictObject({ label: z.string().max(30), value: z.string().max(100) });

/**
 * A document the desktop shell already read (File ▸ Import, a second launch, "open with"): the
 * `import:ready` event hands it to the renderer, which sends it back to be previewed and saved.
 */
const importedDocument = z.strictObject({
  format: z.enum(['text', 'markdown', 'html', 'pdf', 'docx']),
  source: obj,
  blocks: z
    .array(
      z.strictObject({
        text: z.string().max(1_000_000),
        kind: z.enum(['heading', 'paragraph', 'list-item', 'quote', 'footnote', 'caption']),
        locator: z.strictObject({ label: z.enum(LOCATOR_LABELS), value: z.string().max(100) }).optional(),
      }),
    )
    .max(500_000),
  warnings: z.array(z.string().max(2000)).max(1000),
});
// Compile-time: what the schema accepts is an ImportedDocument (the importers' own type).
const documentFits: z.infer<typeof importedDocument> extends Omit<ImportedDocument, 'source'> ? true : never = true;
void documentFits;
const exportOptions = z.strictObject({
  styleId: z.string().max(200).optional(),
  notes: z.enum(['footnotes', 'endnotes']).optional(),
  templateId: z.string().max(100).optional(),
});

/** Every call: argument schema (a tuple of the positional arguments). */
export const CALLS = {
  'library:info': z.tuple([]),
  'library:check': z.tuple([]),
  'library:backup': z.tuple([z.string().min(1).max(4096)]),

  'facts:search': z.tuple([factQuerySchema]),
  'facts:get': z.tuple([id]),
  'facts:add': z.tuple([obj]),
  'facts:update': z.tuple([id, obj]),
  'facts:verify': z.tuple([id]),
  'facts:tag': z.tuple([id, z.array(z.string().max(100)).min(1).max(50)]),
  'facts:untag': z.tuple([id, z.array(z.string().max(100)).min(1).max(50)]),
  'facts:remove': z.tuple([id]),

  'sources:list': z.tuple([
    z.strictObject({ type: z.string().max(50).optional(), search: z.string().max(500).optional(), limit: z.number().int().min(1).max(100_000).optional() }),
  ]),
  'sources:get': z.tuple([id]),
  'sources:add': z.tuple([obj]),
  'sources:update': z.tuple([id, obj]),
  'sources:remove': z.tuple([id, z.strictObject({ cascade: z.boolean().optional() })]),
  'sources:merge': z.tuple([id, id]),

  'tags:list': z.tuple([]),
  'tags:rename': z.tuple([z.string().min(1).max(100), z.string().min(1).max(100), z.strictObject({ merge: z.boolean().optional() })]),

  // Saved searches, kept in the library (shared with `dossier searches`); save replaces one of the same name or id.
  'searches:list': z.tuple([]),
  'searches:save': z.tuple([z.string().trim().min(1).max(200), savedQuerySchema, id.optional()]),
  /** By id or name. */
  'searches:remove': z.tuple([id]),

  // Corroboration: the group of facts supporting one claim (links are transitive, see db/repo/corroboration.ts).
  'facts:corroboration': z.tuple([id]),
  'facts:context': z.tuple([id]),
  'facts:corroborate': z.tuple([id, id, z.string().max(2000).optional()]),
  'facts:uncorroborate': z.tuple([id, id]),

  'capture:preview': z.tuple([
    z.strictObject({
      text: z.string().max(20_000_000),
      file: captureFile.optional(),
      password: pdfPassword.optional(),
      document: importedDocument.optional(),
      originalId: originalId.optional(),
      paragraphs: z.boolean().optional(),
      markdown: z.boolean().optional(),
      source: obj.optional(),
    }),
  ]),
  'capture:commit': z.tuple([
    z.strictObject({
      text: z.string().max(20_000_000),
      file: captureFile.optional(),
      password: pdfPassword.optional(),
      document: importedDocument.optional(),
      originalId: originalId.optional(),
      acceptSuggestions: z.boolean().optional(),
      paragraphs: z.boolean().optional(),
      markdown: z.boolean().optional(),
      source: obj.optional(),
      sourceId: id.optional(),
      keep: z.string().max(10_000).optional(),
      tags: z.array(z.string().max(100)).max(50).optional(),
    }),
  ]),

  'briefings:list': z.tuple([]),
  'briefings:get': z.tuple([id]),
  'briefings:create': z.tuple([obj]),
  'briefings:update': z.tuple([id, obj]),
  'briefings:remove': z.tuple([id]),
  'briefings:addItems': z.tuple([id, z.array(obj).min(1).max(5000), z.string().max(200).optional(), z.number().int().min(0).optional()]),
  'briefings:moveItem': z.tuple([id, id, z.number().int().min(0), z.string().max(200).optional()]),
  'briefings:updateItem': z.tuple([
    id,
    id,
    z.strictObject({
      text: z.string().max(100_000).optional(),
      lead: z.string().max(300).optional(),
      locator: locator.nullable().optional(),
      wording: z.string().max(20_000).nullable().optional(),
      marking: z.string().max(100).nullable().optional(),
    }),
  ]),
  'briefings:changedFacts': z.tuple([id]),
  'briefings:acceptFactChanges': z.tuple([id, z.array(id).max(5000).optional()]),
  'briefings:removeItem': z.tuple([id, id]),
  'briefings:preview': z.tuple([id, exportOptions]),
  'briefings:check': z.tuple([id, z.strictObject({ staleDays: z.number().int().min(0).max(3650).optional() })]),
  'briefings:export': z.tuple([id, exportOptions.extend({ format: z.enum(['docx', 'markdown', 'text']), out: z.string().min(1).max(4096) })]),
  // Sections beyond the template's: add (or put back), rename, reorder, remove.
  'briefings:addSection': z.tuple([id, obj, z.number().int().min(0).optional()]),
  'briefings:renameSection': z.tuple([id, z.string().min(1).max(200), obj]),
  'briefings:moveSection': z.tuple([id, z.string().min(1).max(200), z.number().int().min(0)]),
  'briefings:removeSection': z.tuple([id, z.string().min(1).max(200), z.strictObject({ discardItems: z.boolean().optional() })]),
  // Versions: stored at each export and after each editing pause (see export/briefing-versions.ts).
  'briefings:history': z.tuple([id]),
  'briefings:version': z.tuple([id, versionNumber]),
  /** From version N to version M, or to the briefing as it is now when M is absent. */
  'briefings:diff': z.tuple([id, versionNumber, versionNumber.optional()]),
  'briefings:restoreVersion': z.tuple([id, versionNumber]),

  // The team library (issue 16): status, sync, conflicts, sharing, linking. The password goes to
  // the core only; the desktop keeps it in the OS keychain (electron/team-keychain.ts).
  'team:status': z.tuple([]),
  'team:sync': z.tuple([]),
  /** Open conflicts; with a fact id, that fact's only. */
  'team:conflicts': z.tuple([id.optional()]),
  'team:resolve': z.tuple([id, z.enum(['mine', 'theirs'])]),
  'team:share': z.tuple([
    z.union([
      z.strictObject({ ids: z.array(id).min(1).max(10_000) }),
      z.strictObject({ tag: z.string().min(1).max(100) }),
      z.strictObject({ brief: id }),
      z.strictObject({ source: id }),
    ]),
  ]),
  'team:link': z.tuple([
    z.strictObject({ url: z.string().trim().min(1).max(2000), team: z.string().trim().min(1).max(200), password: z.string().min(1).max(1024) }),
  ]),
  /** This session's password (where the OS keychain cannot keep it, or after "password refused"). */
  'team:password': z.tuple([z.string().min(1).max(1024)]),

  'templates:list': z.tuple([]),
  'templates:get': z.tuple([z.string().min(1).max(100)]),
  'styles:list': z.tuple([]),
} as const;

export type CallName = keyof typeof CALLS;
export type CallArgs<K extends CallName> = z.input<(typeof CALLS)[K]>;

export interface FactDetail {
  fact: Fact;
  source: Source;
  via?: Source;
  briefings: BriefingUse[];
  /** The team the fact is shared with, when it is. */
  sharedWith?: string;
  /** Set when the fact may not be changed here: a team's fact, and the user is a reader there. Says why, in one line. */
  readOnly?: string;
}

/** A search hit as the library list shows it: with how many other facts corroborate it. */
export interface LibraryHit extends FactHit {
  /** Other facts in its corroboration group (0: none). */
  corroboration: number;
}

export interface LibrarySearchResult extends Omit<SearchResult, 'hits'> {
  hits: LibraryHit[];
}

/** One other fact of a corroboration group, as the fact inspector lists it. */
export interface CorroborationMember {
  fact: Fact;
  source: SourceBrief;
  /** Where its information comes from: the source that relayed it ("via"), else its own source. */
  origin: { id: string; title: string };
  /**
   * True when its origin is new: not the inspected fact's origin and not the origin of an
   * earlier member. The independent members plus the fact itself are `independentOrigins`.
   */
  independent: boolean;
  /** Linked to the inspected fact itself (can be unlinked here), not only through another member. */
  direct: boolean;
  /** The analyst's note on the direct link, if any. */
  note?: string;
}

export interface CorroborationGroup {
  factId: string;
  /** Distinct origins among the fact and its group; 1 means it rests on a single origin. */
  independentOrigins: number;
  members: CorroborationMember[];
}

export interface LibraryInfo {
  path: string;
  counts: CheckReport['counts'];
  markingScheme: MarkingScheme;
}

export interface CapturePreview {
  source: Record<string, unknown>;
  candidates: Candidate[];
  /** The format read ("pdf", "docx", "html", "text" …) and what the user should know. */
  format: string;
  warnings: string[];
}

export type { FactContext, PreviewCitation, PreviewDocument, SavedSearch };
export type * from './wire-types';
export type { TeamConflict, TeamStatus };

export interface BriefingPreview {
  /** The document as exported, less the Zotero field instructions only a written file carries. */
  doc: PreviewDocument;
  warnings: PreflightWarning[];
  styleId: string;
  isNoteStyle: boolean;
}

export interface RestoreResult extends Restored {
  briefing: Briefing;
}

export interface StyleSummary {
  id: string;
  title: string;
  class: 'note' | 'in-text';
  source: string;
}

/** What each call returns (inside the ok envelope). */
export interface CallResults {
  'library:info': LibraryInfo;
  'library:check': CheckReport;
  'library:backup': { path: string; bytes: number };
  'facts:search': LibrarySearchResult;
  'facts:get': FactDetail;
  'facts:add': Fact;
  'facts:update': Fact;
  'facts:verify': Fact;
  'facts:tag': Fact;
  'facts:untag': Fact;
  'facts:remove': null;
  'sources:list': SourceWithCount[];
  'sources:get': Source;
  'sources:add': Source;
  'sources:update': Source;
  'sources:remove': { removedFacts: number };
  'sources:merge': { source: Source; movedFacts: number; mergedFacts: number };
  'tags:list': TagCount[];
  'tags:rename': RenamedTag;
  'searches:list': SavedSearch[];
  'searches:save': SavedSearch;
  /** The search removed. */
  'searches:remove': SavedSearch;
  'facts:corroboration': CorroborationGroup;
  /** "In source": the passage of the stored original the fact comes from, its words marked. */
  'facts:context': FactContext;
  /** The first fact's group after the change. */
  'facts:corroborate': CorroborationGroup;
  'facts:uncorroborate': CorroborationGroup;
  'capture:preview': CapturePreview;
  /** outletSources: sources made for the outlets accepted facts were relayed by ("told AFP"). */
  'capture:commit': { sourceId: string; sourceCreated: boolean; facts: Fact[]; duplicates: number; outletSources: { id: string; title: string }[] };
  'briefings:list': BriefingSummary[];
  'briefings:get': Briefing;
  'briefings:create': Briefing;
  'briefings:update': Briefing;
  'briefings:remove': null;
  'briefings:addItems': Briefing;
  'briefings:moveItem': Briefing;
  'briefings:updateItem': Briefing;
  'briefings:changedFacts': FactChange[];
  'briefings:acceptFactChanges': Briefing;
  'briefings:removeItem': Briefing;
  'briefings:preview': BriefingPreview;
  'briefings:check': PreflightWarning[];
  'briefings:export': ExportResult;
  'briefings:addSection': Briefing;
  'briefings:renameSection': Briefing;
  'briefings:moveSection': Briefing;
  'briefings:removeSection': Briefing;
  /** Oldest first, each with the files exported from it. */
  'briefings:history': VersionSummary[];
  'briefings:version': BriefingVersion;
  'briefings:diff': VersionDiff;
  'briefings:restoreVersion': RestoreResult;
  'team:status': TeamStatus;
  'team:sync': TeamStatus;
  'team:conflicts': TeamConflict[];
  /** The status after the decision ("mine" goes up at the next sync). */
  'team:resolve': TeamStatus;
  'team:share': TeamShareResult;
  'team:link': TeamStatus;
  'team:password': TeamStatus;
  'templates:list': TemplateSummary[];
  /** A template with its sections, guidance texts, header fields and house-style limits. */
  'templates:get': Template;
  'styles:list': StyleSummary[];
}

/** Every answer crosses the bridge as an envelope: errors are values, never thrown objects. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

/** The API the preload exposes as `window.dossier` (and the e2e harness binds identically). */
export interface DossierApi {
  call<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<Envelope<CallResults[K]>>;
}
