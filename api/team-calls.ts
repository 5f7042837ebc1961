import { invalid, isDossierError } from '../core/errors';
import type { Library } from '../db/library';
import type { StoredConflict } from '../db/repo/sync-conflicts';
import type { ShareSelector } from '../db/repo/sync-share';
import type { JsonValue } from '../core/sync-types';
import { serverAddress } from '../team/server-url';
import type { TeamConflict, TeamShareResult, TeamStatus } from './team-types';

/**
 * The team calls that need only the library (status, conflicts, share). Syncing, linking and
 * the password need the team server and live with the core process (api/host/team-sync.ts),
 * which hands them to the dispatcher as HandlerOptions.team.
 */

/** Field names as an analyst reads them; a field not listed shows its own name. */
const FIELD_LABELS: Record<string, string> = {
  text: 'Text',
  kind: 'Kind',
  source_id: 'Source',
  via_source_id: 'Relayed by',
  position: 'Position',
  locator_label: 'Locator',
  locator_value: 'Locator',
  attribution_name: 'Speaker',
  attribution_role: 'Speaker’s role',
  event_date: 'Event date',
  credibility: 'Credibility',
  marking: 'Marking',
  notes: 'Notes',
  verified_at: 'Verified',
  tags: 'Tags',
  title: 'Title',
  url: 'Web address',
  issued: 'Issued',
  publisher: 'Publisher',
  reliability: 'Reliability',
  body: 'Contents',
  note: 'Note',
};

const KIND_LABELS: Record<StoredConflict['kind'], string> = {
  field: 'Changed on both sides',
  edited_deleted: 'You edited it; a colleague deleted it',
  deleted_edited: 'You deleted it; a colleague edited it',
};

function fieldLabel(field: string | null): string {
  if (!field) return 'Whole item';
  return FIELD_LABELS[field] ?? field.replace(/_/g, ' ');
}

/** A value as a person reads it: text as is, lists joined, nothing as "(none)". */
function showValue(v: JsonValue | undefined): string {
  if (v === null || v === undefined || v === '') return '(none)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ') || '(none)';
  if (typeof v === 'object' && typeof (v as Record<string, JsonValue>).text === 'string') return (v as { text: string }).text;
  return JSON.stringify(v);
}

/** What the conflicted row is, in words: a fact's text, a source's or briefing's title. */
function describeRow(lib: Library, c: StoredConflict): string {
  try {
    if (c.entity === 'fact') return lib.getFact(c.entityId).text;
    if (c.entity === 'source') return lib.getSource(c.entityId).title;
    if (c.entity === 'briefing') return lib.getBriefing(c.entityId).title;
  } catch (e) {
    // The row is gone here (deleted elsewhere): the value we kept says what it was.
    if (!(isDossierError(e) && e.code === 'not_found')) throw e;
  }
  const kept = c.mine && typeof c.mine === 'object' && !Array.isArray(c.mine) ? (c.mine as Record<string, JsonValue>) : undefined;
  const text = kept?.text ?? kept?.title;
  return typeof text === 'string' ? text : `${c.entity} ${c.entityId.slice(0, 8)}`;
}

export function teamConflicts(lib: Library, factId?: string): TeamConflict[] {
  return lib
    .listConflicts({ open: true })
    .filter((c) => factId === undefined || (c.entity === 'fact' && c.entityId === factId))
    .map((c) => ({
      id: c.id,
      entity: c.entity,
      entityId: c.entityId,
      kind: c.kind,
      kindLabel: KIND_LABELS[c.kind],
      field: c.field,
      fieldLabel: fieldLabel(c.field),
      what: describeRow(lib, c),
      mine: c.kind === 'field' ? showValue(c.mine) : c.kind === 'edited_deleted' ? 'Your edited version' : 'Deleted',
      theirs: c.kind === 'field' ? showValue(c.theirs) : c.kind === 'edited_deleted' ? 'Deleted' : 'Their edited version',
      byUser: c.byUser,
      createdAt: c.createdAt,
    }));
}

export function shareWithTeam(lib: Library, selector: ShareSelector): TeamShareResult {
  const link = lib.teamLink();
  if (!link) throw invalid('team', 'this library is not linked to a team; link it in Team first');
  return { team: link.teamName, shared: lib.shareWithTeam(link.teamId, selector) };
}

/** The team state as far as the library alone knows it (no sync running, no password state). */
export function libraryTeamStatus(lib: Library): TeamStatus {
  const link = lib.teamLink();
  const s = lib.syncState();
  if (!link)
    return { linked: false, state: 'unlinked', pending: 0, conflicts: 0, lastSyncAt: null, lastError: null, syncing: false, message: 'Not linked to a team' };
  const state: TeamStatus['state'] = s.conflicts > 0 ? 'conflicts' : s.lastError ? 'offline' : s.pending > 0 ? 'pending' : 'synced';
  return {
    linked: true,
    team: link.teamName,
    user: link.userName,
    ...(lib.teamRole() ? { role: lib.teamRole() } : {}),
    server: serverAddress(link.server),
    state,
    pending: s.pending,
    conflicts: s.conflicts,
    lastSyncAt: s.lastSyncAt,
    lastError: s.lastError,
    syncing: false,
    message: s.lastError ?? '',
  };
}
