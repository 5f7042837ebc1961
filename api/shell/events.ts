import type { ImportResult, LibraryStatus, OperationKind } from '../host/types';
import type { TeamStatus } from '../team-types';

/**
 * Everything the main process tells the renderer, on the one `dossier:event` channel
 * (main → renderer only). The renderer subscribes with
 * `window.dossier.on('operation:progress', (e) => …)`, which returns an unsubscribe function;
 * the listener receives the payload only — never Electron's event object.
 *
 * Long operations (import, export, backup, restore) carry an `opId`. The renderer chooses the
 * id for operations it starts (a `crypto.randomUUID()` passed in the shell call), so it can
 * listen before starting; operations the main process starts itself (menu, second launch,
 * daily backup) get an id from main and are announced by `operation:started`. Any running
 * operation can be cancelled with `window.dossier.shell('operation:cancel', opId)`.
 */
export type MenuCommand =
  | { command: 'briefing:new' }
  | { command: 'briefing:open'; briefingId: string }
  /** File ▸ Open Briefing… (Ctrl+O): the renderer's briefing switcher. */
  | { command: 'briefing:switch' }
  | { command: 'export' }
  | { command: 'find' };

export interface DossierEvents {
  'operation:started': { opId: string; kind: OperationKind; label: string };
  'operation:progress': { opId: string; phase: string; done: number; total?: number };
  'operation:finished': { opId: string; kind: OperationKind; outcome: 'ok' | 'cancelled' | 'failed'; message?: string };
  /** The library was opened, switched, restored, or found damaged: reload everything shown. */
  'library:changed': LibraryStatus;
  /** The core process stopped (crashed, hung) and a new one took over: one line for the person. */
  'core:restarted': { message: string; during?: string };
  /** A file the main process imported (File ▸ Import…, a second launch, a file opened from the OS). */
  'import:ready': ImportResult & { opId: string };
  /** A menu item the renderer acts on (it knows the current briefing). */
  'menu:command': MenuCommand;
  /** The team library's state changed (a sync started or ended, edits wait, offline, conflicts). */
  'team:state': TeamStatus;
}

export type DossierEventName = keyof DossierEvents;

export const EVENT_NAMES = [
  'operation:started',
  'operation:progress',
  'operation:finished',
  'library:changed',
  'core:restarted',
  'import:ready',
  'menu:command',
  'team:state',
] as const satisfies readonly DossierEventName[];

/** One message on the event channel. */
export type EventMessage = { [K in DossierEventName]: { type: K; payload: DossierEvents[K] } }[DossierEventName];

export interface DossierEventsApi {
  on<K extends DossierEventName>(event: K, listener: (payload: DossierEvents[K]) => void): () => void;
}

/** The IPC channels, in one place. */
export const CHANNELS = {
  call: 'dossier:call',
  shell: 'dossier:shell',
  cancel: 'dossier:cancel',
  event: 'dossier:event',
} as const;

// Compile-time: EVENT_NAMES lists every event of the map.
type Missing = Exclude<DossierEventName, (typeof EVENT_NAMES)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;
