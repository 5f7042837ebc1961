import type { Db, OpenOptions } from './open';
import { openDatabase } from './open';
import { readLibraryId } from './library-identity';
import * as briefings from './repo/briefings';
import * as briefingSections from './repo/briefing-sections';
import * as briefingSeen from './repo/briefing-seen';
import * as briefingVersions from './repo/briefing-versions';
import * as corroboration from './repo/corroboration';
import * as nearDuplicates from './repo/near-duplicates';
import * as noteCache from './repo/note-cache';
import * as facts from './repo/facts';
import * as maintenance from './repo/maintenance';
import * as search from './repo/search';
import * as settings from './repo/settings';
import * as savedSearches from './repo/saved-searches';
import * as sources from './repo/sources';
import * as tags from './repo/tags';
import { applyRemoteRows } from './repo/sync-apply';
import * as syncConflicts from './repo/sync-conflicts';
import { leaveTeam } from './repo/sync-leave';
import { syncIdentity } from './repo/sync-identity';
import { factMarkingsOfSource, missingOriginals, originalsToUpload, type ReceivedOriginals, teamOriginalIds } from './repo/sync-originals';
import * as syncLink from './repo/sync-link';
import * as role from './repo/sync-role';
import * as outbox from './repo/sync-outbox';
import type { RowRef } from './repo/sync-remove';
import { type RefusedChange, keepRefused } from './repo/sync-refused';
import { rowData } from './repo/sync-row-data';
import { type ShareSelector, shareWithTeam } from './repo/sync-share';
import { repairLibrary } from './health/repair';
import { mergePack } from './repo/pack-merge';
import { type PackOriginal, type PackRow, packContent, setPackBase } from './repo/pack-rows';
import { factContext } from './originals/context';
import { quoteChecker } from './originals/quote-check';
import * as originals from './originals/store';
import * as originalSearch from './originals/search';
import type { Mutation, RemoteRow, SyncConflict, SyncEntity } from '../core/sync-types';
import type { VersionNote, VersionReason } from '../core/versions';

/**
 * The fact library as one object: every client (command line, Electron main, tests) works
 * through these methods, never through SQL of its own. Each write is one transaction.
 */
export class Library {
  private constructor(
    readonly path: string,
    readonly db: Db,
    /** Opened for reading only: every write is refused by SQLite with SQLITE_READONLY. */
    readonly readOnly: boolean,
  ) {}

  static open(path: string, options: OpenOptions = {}): Library {
    return new Library(path, openDatabase(path, options), options.readonly === true);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // Sources
  addSource = (input: unknown) => sources.addSource(this.db, input);
  getSource = (id: string) => sources.getSource(this.db, id);
  getSources = (ids: readonly string[]) => sources.getSources(this.db, ids);
  listSources = (opts?: sources.SourceListOptions) => sources.listSources(this.db, opts);
  updateSource = (id: string, patch: unknown) => this.team('source', [id], () => sources.updateSource(this.db, id, patch));
  removeSource = (id: string, opts?: sources.RemoveSourceOptions) => this.team('source', [id], () => sources.removeSource(this.db, id, opts));
  mergeSources = (keepId: string, duplicateId: string) => this.team('source', [keepId, duplicateId], () => sources.mergeSources(this.db, keepId, duplicateId));

  // Facts
  addFact = (input: unknown, opts?: facts.AddFactOptions) => facts.addFact(this.db, input, opts);
  getFact = (id: string) => facts.getFact(this.db, id);
  getFacts = (ids: readonly string[]) => facts.getFacts(this.db, ids);
  factVersions = (ids: readonly string[]) => facts.factVersions(this.db, ids);
  factsOfSource = (sourceId: string) => facts.factsOfSource(this.db, sourceId);
  updateFact = (id: string, patch: unknown) => this.team('fact', [id], () => facts.updateFact(this.db, id, patch));
  verifyFact = (id: string, at?: string) => this.team('fact', [id], () => facts.verifyFact(this.db, id, at));
  tagFact = (id: string, names: readonly unknown[]) => this.team('fact', [id], () => facts.tagFact(this.db, id, names));
  untagFact = (id: string, names: readonly unknown[]) => this.team('fact', [id], () => facts.untagFact(this.db, id, names));
  removeFact = (id: string) => this.team('fact', [id], () => facts.removeFact(this.db, id));
  briefingsUsingFact = (id: string) => facts.briefingsUsingFact(this.db, id);
  searchFacts = (q?: search.FactQuery, opts?: { countTotal?: boolean }) => search.searchFacts(this.db, q, opts);

  // Near-duplicates and corroboration
  findNearDuplicates = (text: string, opts?: nearDuplicates.NearDuplicateOptions) => nearDuplicates.findNearDuplicates(this.db, text, opts);
  linkCorroboration = (factA: string, factB: string, note?: string) => {
    role.refuseReaderLink(this.db, factA, factB);
    return corroboration.linkCorroboration(this.db, factA, factB, note);
  };
  unlinkCorroboration = (factA: string, factB: string) => {
    role.refuseReaderLink(this.db, factA, factB);
    return corroboration.unlinkCorroboration(this.db, factA, factB);
  };
  corroborationLinks = (factId: string) => corroboration.corroborationLinks(this.db, factId);
  corroboratingFacts = (factId: string, opts?: corroboration.CorroboratingOptions) => corroboration.corroboratingFacts(this.db, factId, opts);
  independentSourceCount = (factId: string) => corroboration.independentSourceCount(this.db, factId);
  singleSourceFacts = (factIds: readonly string[]) => corroboration.singleSourceFacts(this.db, factIds);

  // Tags
  listTags = () => tags.listTags(this.db);
  renameTag = (from: string, to: string, opts?: { merge?: boolean }) => {
    role.refuseReaderTagRename(this.db, from);
    return tags.renameTag(this.db, from, to, opts);
  };

  // Briefings
  createBriefing = (input: unknown, sections: readonly briefings.SectionSeed[], dates?: briefings.DateRulesFor) =>
    briefings.createBriefing(this.db, input, sections, dates);
  getBriefing = (id: string) => briefings.getBriefing(this.db, id);
  listBriefings = () => briefings.listBriefings(this.db);
  updateBriefing = (id: string, patch: unknown, dates?: briefings.DateRulesFor) =>
    this.team('briefing', [id], () => briefings.updateBriefing(this.db, id, patch, dates));
  addItems = (id: string, items: readonly unknown[], section?: string, index?: number) =>
    this.team('briefing', [id], () => briefings.addItems(this.db, id, items, section, index));
  moveItem = (id: string, item: string, index: number, section?: string) =>
    this.team('briefing', [id], () => briefings.moveItem(this.db, id, item, index, section));
  updateItem = (id: string, item: string, patch: briefings.ItemPatch) => this.team('briefing', [id], () => briefings.updateItem(this.db, id, item, patch));
  /** Facts of a briefing changed in the library since the briefing took them. */
  changedFacts = (id: string) => briefingSeen.changedFacts(this.db, briefings.resolveBriefingId(this.db, id));
  /** Takes the current state of changed facts (all, or the ones named) as seen; returns how many. */
  acceptFactChanges = (id: string, factIds?: readonly string[]) =>
    this.db.transaction(() => {
      const briefingId = briefings.resolveBriefingId(this.db, id);
      const n = briefingSeen.acceptChanges(this.db, briefingId, factIds);
      if (n) briefings.touch(this.db, briefingId);
      return n;
    })();
  removeItem = (id: string, item: string) => this.team('briefing', [id], () => briefings.removeItem(this.db, id, item));
  removeBriefing = (id: string) => this.team('briefing', [id], () => briefings.removeBriefing(this.db, id));
  addSection = (id: string, input: unknown, index?: number) => this.team('briefing', [id], () => briefingSections.addSection(this.db, id, input, index));
  renameSection = (id: string, section: string, patch: unknown, rules?: briefingSections.SectionRules) =>
    this.team('briefing', [id], () => briefingSections.renameSection(this.db, id, section, patch, rules));
  moveSection = (id: string, section: string, index: number) => this.team('briefing', [id], () => briefingSections.moveSection(this.db, id, section, index));
  removeSection = (id: string, section: string, opts?: { discardItems?: boolean }, rules?: briefingSections.SectionRules) =>
    this.team('briefing', [id], () => briefingSections.removeSection(this.db, id, section, opts, rules));

  // Versions: what a briefing said at each export and editing session (notes rendered by the caller)
  /** The briefing as it is now, as a version's content. */
  briefingContent = (id: string) => briefingVersions.currentContent(this.db, id);
  storeVersion = (id: string, reason: VersionReason, notes: readonly VersionNote[], opts?: briefingVersions.StoreOptions) =>
    briefingVersions.storeVersion(this.db, id, reason, notes, opts);
  /** Whether the briefing now differs from its latest stored version. */
  differsFromLatestVersion = (id: string) => briefingVersions.differsFromLatest(this.db, id);
  listVersions = (id: string) => briefingVersions.listVersions(this.db, id);
  getVersion = (id: string, number: number) => briefingVersions.getVersion(this.db, id, number);
  restoreVersion = (id: string, number: number, notes: () => VersionNote[]) =>
    this.team('briefing', [id], () => briefingVersions.restoreVersion(this.db, id, number, notes));
  recordExport = (id: string, input: briefingVersions.ExportInput) => briefingVersions.recordExport(this.db, id, input);
  listExports = (id: string) => briefingVersions.listExports(this.db, id);
  /** The notes last rendered for a briefing (by id), kept so a later export re-renders only what changed. */
  noteCacheKeys = (briefingId: string) => noteCache.getNoteCacheKeys(this.db, briefingId);
  noteCache = (briefingId: string, docKey: string) => noteCache.getNoteCache(this.db, briefingId, docKey);
  saveNoteCache = (briefingId: string, row: noteCache.NoteCacheRow) => noteCache.putNoteCache(this.db, briefingId, row);

  // Originals: the captured files, kept with their sources (db/originals)
  originalsOfSource = (sourceId: string) => originals.originalsOfSource(this.db, this.getSource(sourceId).id);
  /** The passage of the stored original a fact was taken from, its words marked. */
  factContext = (factId: string) => factContext(this.db, this.getFact(factId));
  /** Checks quote facts against their sources' stored originals (each read once per checker). */
  quoteChecker = () => quoteChecker(this.db);
  searchOriginals = (text: string, opts?: originalSearch.OriginalSearchOptions) => originalSearch.searchOriginals(this.db, text, opts);

  // Team sync (issue 16): what is shared, the outbox of changes to send, rows from the server
  /** The id fixed when the library was made (migration 3): tells this library's edits from others' on a team server. */
  libraryId = (): string => readLibraryId(this.db) ?? 'unknown-library';
  /** The id this copy of the library pushes under: its own per file, so a copied library's edits conflict with the original's. */
  syncIdentity = (): string => this.db.transaction(() => syncIdentity(this.db))();
  teamLink = () => syncLink.teamLink(this.db);
  setTeamLink = (input: syncLink.TeamLinkInput) => syncLink.setTeamLink(this.db, input);
  /** The user's role in the linked team, as the server said at the last link or sync. */
  teamRole = () => role.teamRole(this.db);
  setTeamRole = (r: string) => role.setTeamRole(this.db, r);
  /** Why a row the team shares may not be changed here (the user is a reader), or undefined. */
  readOnlyReason = (entity: SyncEntity, id: string) => role.readOnlyReason(this.db, entity, id);
  /** The name of the team a row is shared with, or undefined for a personal row. */
  sharedWith = (entity: SyncEntity, id: string) => role.sharedWith(this.db, entity, id);
  setSyncCursor = (cursor: string) => syncLink.setSyncCursor(this.db, cursor);
  recordSyncError = (message: string) => syncLink.recordSyncError(this.db, message);
  syncState = () => syncLink.syncState(this.db);
  shareWithTeam = (teamId: string, selector: ShareSelector) => {
    role.refuseReaderShare(this.db);
    return shareWithTeam(this.db, teamId, selector);
  };
  pendingMutations = (limit?: number) => outbox.pendingMutations(this.db, limit);
  pendingCount = () => outbox.pendingCount(this.db);
  ackMutations = (results: readonly outbox.AckResult[]) => outbox.ackMutations(this.db, results);
  applyRemoteRows = (teamId: string, rows: readonly RemoteRow[], gone?: readonly RowRef[], received?: ReceivedOriginals) =>
    applyRemoteRows(this.db, teamId, rows, gone, received);
  /** Stored originals with the team: which files a pull must fetch, which an outbox batch uploads. */
  missingOriginals = (rows: readonly RemoteRow[]) => missingOriginals(this.db, rows);
  originalsToUpload = (mutations: readonly Mutation[]) => originalsToUpload(this.db, mutations);
  factMarkingsOfSource = (sourceId: string) => factMarkingsOfSource(this.db, sourceId);
  teamOriginalIds = () => teamOriginalIds(this.db);
  recordConflicts = (conflicts: readonly SyncConflict[]) => syncConflicts.recordConflicts(this.db, conflicts);
  /** Changes the server refused, kept as conflicts rather than dropped (db/repo/sync-refused.ts). */
  keepRefused = (refused: readonly RefusedChange[]) => keepRefused(this.db, refused);
  listConflicts = (opts?: { open?: boolean }) => syncConflicts.listConflicts(this.db, opts);
  resolveConflict = (id: string, choice: 'mine' | 'theirs') => {
    role.refuseReaderKeepMine(this.db, id, choice);
    return syncConflicts.resolveConflict(this.db, id, choice);
  };
  leaveTeam = (teamId: string) => leaveTeam(this.db, teamId);
  /** A row as the team and fact packs carry it (core/sync-types.ts), or undefined. */
  rowData = (entity: SyncEntity, id: string) => rowData(this, entity, id);

  // Fact packs (issue 16 §5): the same rows on removable media, merged three ways on arrival
  /** The rows and originals a pack of this selection holds (the closure sharing uses). */
  packContent = (selector: ShareSelector) => packContent(this.db, selector);
  /** Records rows as they went out in a pack: the base the pack's return is merged against. */
  recordPackExport = (rows: readonly PackRow[]) => this.db.transaction(() => setPackBase(this.db, rows))();
  mergePack = (rows: readonly PackRow[], originals: readonly PackOriginal[], fileName: string) => mergePack(this.db, rows, originals, fileName);

  /**
   * A write to rows the team may share: refused up front for a reader (db/repo/sync-role.ts),
   * before anything changes.
   */
  private team<T>(entity: 'fact' | 'source' | 'briefing', refs: readonly string[], write: () => T): T {
    role.refuseReaderEdit(this.db, entity, refs);
    return write();
  }

  // Settings and upkeep
  listSavedSearches = () => savedSearches.listSavedSearches(this.db);
  findSavedSearch = (nameOrId: string) => savedSearches.findSavedSearch(this.db, nameOrId);
  saveSearch = (name: string, query: savedSearches.SavedSearch['query'], id?: string) => savedSearches.saveSearch(this.db, name, query, id);
  removeSavedSearch = (nameOrId: string) => savedSearches.removeSavedSearch(this.db, nameOrId);
  markingScheme = () => settings.markingScheme(this.db);
  setMarkingScheme = (id: string, custom?: string) => settings.setMarkingScheme(this.db, id, custom);
  markingDefaults = () => settings.markingDefaults(this.db);
  setMarkingDefault = (field: string, value: string) => settings.setMarkingDefault(this.db, field, value);
  check = () => maintenance.checkLibrary(this.db);
  counts = () => maintenance.libraryCounts(this.db);
  backup = (dest: string, opts?: { force?: boolean; signal?: AbortSignal }) => maintenance.backupLibrary(this.db, dest, opts);
  repairSearchIndex = () => maintenance.repairSearchIndex(this.db);
  /** Rebuilds derived data (search index, SQL indexes) after keeping a copy; never base rows. */
  repair = (now?: Date) => repairLibrary(this.db, this.path, now);
}
