import { describeLibraryError } from '../db/sqlite-errors';
import { DossierError, errorCode, isDossierError, printable } from '../core/errors';
import { listStyles } from '../citations/index';
import type { Library } from '../db/library';
import type { SectionRules } from '../db/repo/briefing-sections';
import { assembleBriefing } from '../export/assemble';
import { CitationSession } from '../export/citation-session';
import { EditSessions, diffBriefingVersions, restoreBriefingVersion } from '../export/briefing-versions';
import { exportBriefing } from '../export/export-briefing';
import { previewBriefing } from '../export/preview-briefing';
import { preflight, preflightReady, withCorroboration } from '../export/preflight';
import { dateRulesFor, getTemplate, listTemplates } from '../export/template/index';
import { sourcePreviewJson } from '../core/source-json';
import type { Fact, Source } from '../core/model';
import type { SourceBrief } from '../db/repo/search';
import type { SavedSearch } from '../db/repo/saved-searches';
import { CALLS, type CallName, type CallResults, type CorroborationGroup, type Envelope, type LibrarySearchResult } from './contract';
import { type CaptureOptions, captureDocument } from '../ingest/capture';
import type { ImportedDocument } from '../ingest/document';
import type { PreparedOriginal } from '../db/originals/codec';
import { readDocument } from '../ingest/formats/index';
import { typedTextDocument, typedTextOriginal } from '../ingest/import-text';
import { libraryTeamStatus, shareWithTeam, teamConflicts } from './team-calls';
import type { TeamHooks } from './team-types';
import type { ShareSelector } from '../db/repo/sync-share';

interface CaptureArgs {
  text: string;
  file?: { name: string; base64: string };
  /** The password of an encrypted PDF in `file`. */
  password?: string;
  /** Already read by the desktop shell (the `import:ready` event). */
  document?: ImportedDocument;
  /** The file the desktop shell read `document` from, kept there (HandlerOptions.pendingOriginal). */
  originalId?: string;
  paragraphs?: boolean;
  markdown?: boolean;
  source?: Record<string, unknown>;
}

/** The document being captured: a file's bytes through the format importers, or typed/pasted text. */
async function documentOf(o: CaptureArgs): Promise<ImportedDocument> {
  if (o.document) return o.document;
  if (o.file) return readDocument(Buffer.from(o.file.base64, 'base64'), { fileName: o.file.name, ...(o.password ? { password: o.password } : {}) });
  return typedTextDocument(o.text, o.markdown);
}

/**
 * The file kept with the captured source: the bytes sent, the text typed, or the file the
 * desktop shell read the document from (kept there by id; none when it has let it go).
 */
function originalOf(o: CaptureArgs, opts: HandlerOptions): Pick<CaptureOptions, 'original' | 'preparedOriginal'> {
  if (o.document) {
    const prepared = o.originalId ? opts.pendingOriginal?.(o.originalId) : undefined;
    return prepared ? { preparedOriginal: prepared } : {};
  }
  if (o.file) return { original: { bytes: Buffer.from(o.file.base64, 'base64'), fileName: o.file.name } };
  return { original: typedTextOriginal(o.text) };
}

export interface HandlerOptions {
  templateDir?: string;
  styleDir?: string;
  /** Whether the renderer may have a file written at this path (the app: only paths the user picked in a save dialog). */
  allowWrite(path: string): boolean;
  /** The clock that tells an editing pause (tests inject one; see EditSessions). */
  now?: () => Date;
  /** A file the desktop shell read for capture, by id (api/host/pending-originals.ts). */
  pendingOriginal?(id: string): PreparedOriginal | undefined;
  /** Syncing, linking and the password: the core process's (api/host/team-sync.ts); absent, those calls say so. */
  team?: TeamHooks;
}

type Handlers = { [K in CallName]: (...args: never[]) => CallResults[K] | Promise<CallResults[K]> };

/**
 * The core behind the contract: every call validated against its schema, then answered by the
 * same Library, export and capture code the command line uses. Errors become envelopes.
 */
/**
 * What the shell (never the renderer) may hand a long call besides its arguments: a progress
 * callback and a cancel signal. The IPC channel only carries a name and arguments.
 */
export interface CallContext {
  progress?: (phase: string) => void;
  signal?: AbortSignal;
}

/** Calls that report progress and can be cancelled (see CallContext). */
const LONG_CALLS = new Set<string>(['briefings:export']);

export function createDispatcher(lib: Library, opts: HandlerOptions): (name: string, args: unknown, context?: CallContext) => Promise<Envelope<unknown>> {
  const handlers = createHandlers(lib, opts);
  return async (name, args, context = {}) => {
    try {
      if (!Object.hasOwn(CALLS, name)) throw new DossierError('validation', `unknown call "${printable(name)}"`, 'call');
      const schema = CALLS[name as CallName];
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new DossierError('validation', `${name}: argument ${issue.path.join('.') || '(all)'}: ${issue.message}`, issue.path.join('.'));
      }
      const fn = handlers[name as CallName] as (...a: unknown[]) => unknown;
      // Long calls take the context after their own (all required) arguments.
      const extra = LONG_CALLS.has(name) ? [context] : [];
      return { ok: true, value: (await fn(...(parsed.data as unknown[]), ...extra)) ?? null };
    } catch (caught) {
      if ((caught as Error)?.name === 'AbortError') return { ok: false, error: { code: 'cancelled', message: 'cancelled' } };
      // SQLite's own failures (read-only file, disk full, locked, damaged) in words that name the library.
      const e = errorCode(caught).startsWith('SQLITE_') ? describeLibraryError(lib.path, caught, 'use') : caught;
      if (isDossierError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
      return { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } };
    }
  };
}

function createHandlers(lib: Library, opts: HandlerOptions): Handlers {
  // One warm citation engine per open briefing: the live preview after an edit and the export
  // re-render only the notes that changed.
  const sessions = new Map<string, CitationSession>();
  const session = (briefingId: string) => {
    const key = lib.getBriefing(briefingId).id;
    let s = sessions.get(key);
    if (!s) sessions.set(key, (s = new CitationSession()));
    return s;
  };
  // What the briefing's template says about its sections. A briefing whose template is gone
  // (a user template deleted) has no template sections left to protect.
  const sectionRules = (briefingId: string): SectionRules => {
    let template: ReturnType<typeof getTemplate>;
    try {
      template = getTemplate(lib.getBriefing(briefingId).templateId, opts.templateDir);
    } catch (e) {
      if (isDossierError(e) && e.code === 'not_found') return {};
      throw e;
    }
    return { templateKeys: template.sections.map((s) => s.key), requiredKeys: template.sections.filter((s) => s.required).map((s) => s.key) };
  };
  // Header dates are read and stored as YYYY-MM-DD by the rules of the briefing's template.
  const dateRules = dateRulesFor(opts.templateDir);
  // Before a write that ends a pause, the briefing as the last session left it becomes a version.
  const editSessions = new EditSessions(lib, { ...dirs(opts), ...(opts.now ? { now: opts.now } : {}) });
  const write =
    <A extends unknown[], R>(fn: (id: string, ...rest: A) => R) =>
    (id: string, ...rest: A): R => {
      editSessions.beforeWrite(id, () => ({ session: session(id) }));
      return fn(id, ...rest);
    };
  const writable = (path: string) => {
    if (!opts.allowWrite(path)) throw new DossierError('validation', `not allowed to write ${path}; choose the file in the save dialog`, 'out');
    return path;
  };
  const teamHooks = () => {
    if (!opts.team) throw new DossierError('validation', 'syncing with a team server is done by the desktop app or: dossier sync', 'team');
    return opts.team;
  };
  const h = {
    'library:info': () => ({ path: lib.path, counts: lib.counts(), markingScheme: lib.markingScheme() }),
    'library:check': () => lib.check(),
    'library:backup': (dest: string) => lib.backup(writable(dest)),

    'facts:search': (q: Parameters<Library['searchFacts']>[0]): LibrarySearchResult => {
      const r = lib.searchFacts(q);
      return { ...r, hits: r.hits.map((h) => ({ ...h, corroboration: corroborationCount(lib, h.fact.id) })) };
    },
    'facts:get': (id: string) => {
      const fact = lib.getFact(id);
      const readOnly = lib.readOnlyReason('fact', fact.id);
      const sharedWith = lib.sharedWith('fact', fact.id);
      return {
        fact,
        source: lib.getSource(fact.sourceId),
        ...(fact.viaSourceId ? { via: lib.getSource(fact.viaSourceId) } : {}),
        briefings: lib.briefingsUsingFact(fact.id),
        ...(sharedWith ? { sharedWith } : {}),
        ...(readOnly ? { readOnly } : {}),
      };
    },
    'facts:add': (input: unknown) => lib.addFact(input),
    'facts:update': (id: string, patch: unknown) => lib.updateFact(id, patch),
    'facts:verify': (id: string) => lib.verifyFact(id),
    'facts:tag': (id: string, tags: string[]) => lib.tagFact(id, tags),
    'facts:untag': (id: string, tags: string[]) => lib.untagFact(id, tags),
    'facts:remove': (id: string) => {
      lib.removeFact(id);
      return null;
    },

    'sources:list': (o: { type?: string; search?: string; limit?: number }) => lib.listSources(o),
    'sources:get': (id: string) => lib.getSource(id),
    'sources:add': (input: unknown) => lib.addSource(input),
    'sources:update': (id: string, patch: unknown) => lib.updateSource(id, patch),
    'sources:remove': (id: string, o: { cascade?: boolean }) => lib.removeSource(id, o),
    'sources:merge': (keep: string, duplicate: string) => lib.mergeSources(keep, duplicate),

    'tags:list': () => lib.listTags(),
    'tags:rename': (from: string, to: string, o: { merge?: boolean }) => lib.renameTag(from, to, o),

    'team:status': () => opts.team?.status() ?? libraryTeamStatus(lib),
    'team:sync': () => teamHooks().syncNow(),
    'team:conflicts': (factId?: string) => teamConflicts(lib, factId),
    'team:resolve': (conflictId: string, keep: 'mine' | 'theirs') => {
      lib.resolveConflict(conflictId, keep);
      return opts.team?.status() ?? libraryTeamStatus(lib);
    },
    'team:share': (selector: ShareSelector) => shareWithTeam(lib, selector),
    'team:link': (o: { url: string; team: string; password: string }) => teamHooks().link(o.url, o.team, o.password),
    'team:password': (password: string) => teamHooks().setPassword(password),
    'searches:list': () => lib.listSavedSearches(),
    'searches:save': (name: string, query: SavedSearch['query'], id?: string) => lib.saveSearch(name, query, id),
    'searches:remove': (nameOrId: string) => lib.removeSavedSearch(nameOrId),

    'facts:corroboration': (id: string) => corroborationGroup(lib, id),
    'facts:context': (id: string) => lib.factContext(id),
    'facts:corroborate': (id: string, other: string, note?: string) => {
      lib.linkCorroboration(id, other, note);
      return corroborationGroup(lib, id);
    },
    'facts:uncorroborate': (id: string, other: string) => {
      lib.unlinkCorroboration(id, other);
      return corroborationGroup(lib, id);
    },

    'capture:preview': async (o: CaptureArgs) => {
      const doc = await documentOf(o);
      // While the user is still typing, a missing title is not yet an error.
      const source = { ...(doc.source.title ? {} : { title: 'Untitled' }), ...o.source };
      const r = captureDocument(lib, doc, { source, dryRun: true, paragraphs: o.paragraphs ?? false });
      const shown = 'createdAt' in r.source ? { ...r.source } : sourcePreviewJson(r.source);
      return { source: shown, candidates: r.candidates, format: r.format, warnings: r.warnings };
    },
    'capture:commit': async (o: CaptureArgs & { sourceId?: string; keep?: string; tags?: string[]; acceptSuggestions?: boolean }) => {
      const r = captureDocument(lib, await documentOf(o), {
        ...originalOf(o, opts),
        ...(o.sourceId ? { sourceId: o.sourceId } : { source: o.source ?? {} }),
        ...(o.keep ? { keep: o.keep } : {}),
        paragraphs: o.paragraphs ?? false,
        tags: o.tags ?? [],
        acceptSuggestions: o.acceptSuggestions ?? false,
      });
      const outletSources = (r.outletSourcesCreated ?? []).map((s) => ({ id: s.id, title: s.title }));
      return { sourceId: (r.source as { id: string }).id, sourceCreated: r.sourceCreated, facts: r.facts, duplicates: r.duplicates, outletSources };
    },

    'briefings:list': () => lib.listBriefings(),
    'briefings:get': (id: string) => lib.getBriefing(id),
    'briefings:create': (input: Record<string, unknown>) => {
      const template = getTemplate(typeof input.templateId === 'string' ? input.templateId : '', opts.templateDir);
      return lib.createBriefing(
        { ...input, templateId: template.id },
        template.sections.map((s) => ({ key: s.key, heading: s.heading })),
        dateRules,
      );
    },
    'briefings:update': write((id: string, patch: unknown) => lib.updateBriefing(id, patch, dateRules)),
    'briefings:remove': (id: string) => {
      const briefingId = lib.getBriefing(id).id;
      sessions.get(briefingId)?.idleWork.cancel();
      sessions.delete(briefingId);
      editSessions.forget(briefingId);
      lib.removeBriefing(id);
      return null;
    },
    'briefings:addItems': write((id: string, items: unknown[], section?: string, index?: number) => lib.addItems(id, items, section, index)),
    'briefings:moveItem': write((id: string, item: string, index: number, section?: string) => lib.moveItem(id, item, index, section)),
    'briefings:updateItem': write((id: string, item: string, patch: Parameters<Library['updateItem']>[2]) => lib.updateItem(id, item, patch)),
    'briefings:changedFacts': (id: string) => lib.changedFacts(id),
    'briefings:acceptFactChanges': write((id: string, factIds?: string[]) => {
      lib.acceptFactChanges(id, factIds);
      return lib.getBriefing(id);
    }),
    'briefings:removeItem': write((id: string, item: string) => lib.removeItem(id, item)),
    'briefings:preview': (id: string, o: { styleId?: string; notes?: 'footnotes' | 'endnotes'; templateId?: string }) =>
      previewBriefing(lib, id, { ...o, ...dirs(opts), session: session(id) }),
    'briefings:check': async (id: string, o: { staleDays?: number }) => {
      const a = assembleBriefing(lib, id, dirs(opts));
      await preflightReady(a);
      return preflight(a, withCorroboration(lib, a, o));
    },
    'briefings:export': (
      id: string,
      o: { format: 'docx' | 'markdown' | 'text'; out: string; styleId?: string; notes?: 'footnotes' | 'endnotes'; templateId?: string },
      context: CallContext = {},
    ) =>
      exportBriefing(lib, id, {
        ...o,
        out: writable(o.out),
        ...dirs(opts),
        session: session(id),
        ...(context.progress ? { onPhase: context.progress } : {}),
        ...(context.signal ? { signal: context.signal } : {}),
      }),
    'briefings:addSection': write((id: string, input: unknown, index?: number) => lib.addSection(id, input, index)),
    'briefings:renameSection': write((id: string, section: string, patch: unknown) => lib.renameSection(id, section, patch, sectionRules(id))),
    'briefings:moveSection': write((id: string, section: string, index: number) => lib.moveSection(id, section, index)),
    'briefings:removeSection': write((id: string, section: string, o: { discardItems?: boolean }) => lib.removeSection(id, section, o, sectionRules(id))),

    'briefings:history': (id: string) => lib.listVersions(id),
    'briefings:version': (id: string, n: number) => lib.getVersion(id, n),
    'briefings:diff': (id: string, from: number, to?: number) => diffBriefingVersions(lib, id, from, to, { ...dirs(opts), session: session(id) }),
    'briefings:restoreVersion': (id: string, n: number) => {
      const r = restoreBriefingVersion(lib, id, n, dirs(opts));
      return { ...r, briefing: lib.getBriefing(id) };
    },

    'templates:list': () => listTemplates(opts.templateDir),
    'templates:get': (id: string) => getTemplate(id, opts.templateDir),
    'styles:list': () => listStyles(opts.styleDir).map((s) => ({ id: s.id, title: s.title, class: s.class, source: s.source })),
  };
  return h;
}

/** How many other facts corroborate a fact. Most facts have no link: one indexed look-up then. */
function corroborationCount(lib: Library, factId: string): number {
  return lib.corroborationLinks(factId).length === 0 ? 0 : lib.corroboratingFacts(factId).length;
}

/**
 * A fact's corroboration group for the inspector: every other fact of its component with its
 * source, and whether its origin (via source, else source) adds a new one. Origins are counted
 * as the core counts them (`independentSourceCount`): the fact's own first, then in order.
 */
function corroborationGroup(lib: Library, factId: string): CorroborationGroup {
  const fact = lib.getFact(factId);
  const sources = new Map<string, Source>();
  const source = (id: string) => {
    let s = sources.get(id);
    if (!s) sources.set(id, (s = lib.getSource(id)));
    return s;
  };
  const originOf = (f: Fact) => f.viaSourceId ?? f.sourceId;
  const direct = new Map(lib.corroborationLinks(fact.id).map((l) => [l.factA === fact.id ? l.factB : l.factA, l]));
  const seen = new Set([originOf(fact)]);
  const members = lib.corroboratingFacts(fact.id).map((m) => {
    const origin = source(originOf(m));
    const independent = !seen.has(origin.id);
    seen.add(origin.id);
    const link = direct.get(m.id);
    return {
      fact: m,
      source: brief(source(m.sourceId)),
      origin: { id: origin.id, title: origin.title },
      independent,
      direct: Boolean(link),
      ...(link?.note ? { note: link.note } : {}),
    };
  });
  return { factId: fact.id, independentOrigins: seen.size, members };
}

function brief(s: Source): SourceBrief {
  return {
    id: s.id,
    title: s.title,
    authors: s.authors,
    type: s.type,
    ...(s.containerTitle ? { containerTitle: s.containerTitle } : {}),
    ...(s.issued ? { issued: s.issued } : {}),
    ...(s.reliability ? { reliability: s.reliability } : {}),
  };
}

function dirs(opts: HandlerOptions): { templateDir?: string; styleDir?: string } {
  return { ...(opts.templateDir ? { templateDir: opts.templateDir } : {}), ...(opts.styleDir ? { styleDir: opts.styleDir } : {}) };
}
