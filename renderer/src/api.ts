import type { CallArgs, CallName, CallResults, DossierApi, Envelope, ImportedDocument } from '../../api/contract';
import type { DossierShellApi, ShellArgs, ShellCallName, ShellResults } from '../../api/shell/contract';
import type { DossierEventName, DossierEvents, DossierEventsApi } from '../../api/shell/events';

/**
 * The renderer's only way to the core: `window.dossier.call`, exposed by the Electron preload
 * (or by the end-to-end harness). Shell features (save dialogs, opening files, progress
 * events) are optional: the app works without them and simply hides what needs them.
 */
/**
 * The desktop shell's part of the bridge, typed by the shell contract and the event map
 * (api/shell/): native features such as 'dialog:saveFile' or 'file:open' (`shell`), and
 * events from the main process (`on`, which returns an unsubscribe function).
 */
type ShellBridge = Partial<DossierShellApi & DossierEventsApi>;

type Bridge = DossierApi & ShellBridge;

declare global {
  interface Window {
    dossier?: Bridge;
    /** Set only by the end-to-end harness: the folder exports are written to, no dialog. */
    __dossierTestExportDir?: string;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function bridge(): Bridge {
  const b = window.dossier;
  if (!b || typeof b.call !== 'function') throw new ApiError('unavailable', 'The Dossier core is not connected to this window.');
  return b;
}

export function hasBridge(): boolean {
  return typeof window.dossier?.call === 'function';
}

/** Calls the core and returns the envelope as is. */
async function callEnvelope<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<Envelope<CallResults[K]>> {
  try {
    return await bridge().call(name, ...args);
  } catch (e) {
    return { ok: false, error: { code: 'bridge', message: (e as Error)?.message ?? String(e) } };
  }
}

/** Calls the core; an error envelope becomes a thrown ApiError carrying its code and field. */
export async function call<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<CallResults[K]> {
  const env = await callEnvelope(name, ...args);
  if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.field);
  return env.value;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

// ---- Shell features (optional) ----

export function hasShell(): boolean {
  return typeof window.dossier?.shell === 'function';
}

/** Calls a shell feature; accepts either an envelope or a bare value from the bridge. */
export async function shellCall<K extends ShellCallName>(name: K, ...args: ShellArgs<K>): Promise<ShellResults[K] | undefined> {
  const fn = window.dossier?.shell;
  if (!fn) return undefined;
  // Typed as an envelope, but a bridge from another build may answer with the bare value.
  const r = (await fn(name, ...args)) as unknown;
  if (r && typeof r === 'object' && 'ok' in r) {
    const env = r as Envelope<ShellResults[K]>;
    if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.field);
    return env.value;
  }
  return r as ShellResults[K];
}

/** Whether the desktop shell can tell this window about things (files to import, menu commands). */
export function hasShellEvents(): boolean {
  return typeof window.dossier?.on === 'function';
}

/**
 * A file to capture: its bytes, read by the core's importers (a file the user chose or dropped),
 * or a document the desktop shell already read (File ▸ Import, a second launch, "open with").
 */
export type CaptureFile = { name: string; base64: string } | { name: string; document: ImportedDocument; originalId?: string };

/** The capture calls' argument for a file: `file` (bytes) or `document` (already read, with the id of the file the shell keeps). */
export function captureFileArg(f: CaptureFile): { file: { name: string; base64: string } } | { document: ImportedDocument; originalId?: string } {
  if ('base64' in f) return { file: { name: f.name, base64: f.base64 } };
  return f.originalId ? { document: f.document, originalId: f.originalId } : { document: f.document };
}

/** Identifies a file to capture without comparing its contents (a preview re-runs when it changes). */
export function captureFileKey(f: CaptureFile | undefined): string {
  if (!f) return '';
  return 'base64' in f ? `${f.name}:${f.base64.length}` : `${f.name}:document:${f.document.blocks.length}`;
}

/**
 * Subscribes to a shell event. The payload is typed by the event map, but it crossed a process
 * boundary: the listeners still check its shape before acting on it.
 */
export function onShellEvent<K extends DossierEventName>(event: K, cb: (payload: DossierEvents[K]) => void): () => void {
  const on = window.dossier?.on;
  if (!on) return () => {};
  // The preload refuses an event name it does not know (a shell older than this renderer):
  // then that event simply never comes, and the rest of the workspace works on.
  let off: (() => void) | void;
  try {
    off = on(event, cb);
  } catch {
    return () => {};
  }
  return typeof off === 'function' ? off : () => {};
}

/** Opens a web address in the user's browser: http(s) only, parsed, and only through the shell. */
export async function openExternal(url: string): Promise<void> {
  if (!isHttpUrl(url)) return;
  await shellCall('link:open', new URL(url).href);
}

export function isHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
