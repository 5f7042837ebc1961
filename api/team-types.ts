import type { ConflictKind, SyncEntity } from '../core/sync-types';

/**
 * The team library as the window sees it (issue 16): the status line's chip, the Team dialog
 * and the inspector's conflicts. Plain data; never a password.
 */
export interface TeamStatus {
  linked: boolean;
  team?: string;
  user?: string;
  /** The user's role in the team (reader, editor, admin), as the server said at the last link or sync. */
  role?: string;
  /** "user@host:port/database": the server's address, never its password. */
  server?: string;
  /**
   * synced: nothing to send; pending: `pending` changes to send; offline: the server could not
   * be reached (retrying); conflicts: `conflicts` decisions wait; password_needed: no password
   * this session; password_refused: the server refused it (no retry until a new one);
   * revoked: no longer a member.
   */
  state: 'unlinked' | 'synced' | 'pending' | 'offline' | 'conflicts' | 'password_needed' | 'password_refused' | 'revoked';
  pending: number;
  conflicts: number;
  lastSyncAt: string | null;
  lastError: string | null;
  syncing: boolean;
  /** One line for the person (the last error in words, why a password is asked for). */
  message: string;
  /** False where the desktop cannot keep the password in the OS keychain: it is asked for each session. */
  keychain?: boolean;
}

export interface TeamConflict {
  id: string;
  entity: SyncEntity;
  entityId: string;
  kind: ConflictKind;
  kindLabel: string;
  field: string | null;
  /** "Speaker", "Event date": the field as a person reads it. */
  fieldLabel: string;
  /** The fact's text (a source's or briefing's title). */
  what: string;
  mine: string;
  theirs: string;
  /** Who made the change that stands on the server. */
  byUser: string | null;
  createdAt: string;
}

export interface TeamShareResult {
  team: string;
  /** Rows newly shared, by kind (a fact brings its source; a briefing its cited facts). */
  shared: Record<SyncEntity, number>;
}

/** What the core process adds to the dispatcher for the calls that reach the team server. */
export interface TeamHooks {
  status(): TeamStatus;
  syncNow(): Promise<TeamStatus>;
  link(url: string, team: string, password: string): Promise<TeamStatus>;
  setPassword(password: string): Promise<TeamStatus>;
}
