import type { CallArgs, CallName, CallResults, DossierApi, Envelope, ImportedDocument } from '../../api/contract';

/**
 * The renderer's only way to the core: `window.dossier.call`, exposed by the Electron preload
 * (or by the end-to-end harness). Shell features (save dialogs, opening files, progress
 * events) are optional: the app works without them and simply hides what needs them.
 */
export interface ShellBridge {
  /** Native features of the desktop shell, e.g. 'dialog:saveFile', 'file:open' (api/shell/contract.ts). */
  shell?: (name: string, ...args: unknown[]) => Promise<unknown>;
  /** Subscribes to an event from the main process; returns an unsubscribe function. */
  on?: (event: string, cb: (payload: unknown) => void) => (() => void) | void;
}

export type Bridge = DossierApi & ShellBridge;

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
export async function callEnvelope<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<Envelope<CallResults[K]>> {
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

/** The field an error names, without its record prefix: "fact.eventDate" → "eventDate". */
export function errorField(e: unknown, prefix: string): string | undefined {
  if (!(e instanceof ApiError) || !e.field) return undefined;
  return e.field.startsWith(`${prefix}.`) ? e.field.slice(prefix.length + 1) : e.field;
}

// ---- Shell features (optional) ----

export function hasShell(): boolean {
  return typeof window.dossier?.shell === 'function';
}

/** Calls a shell feature; accepts either an envelope or a bare value from the bridge. */
export async function shellCall<T>(name: string, ...args: unknown[]): Promise<T | undefined> {
  const fn = window.dossier?.shell;
  if (!fn) return undefined;
  const r = (await fn(name, ...args)) as unknown;
  if (r && typeof r === 'object' && 'ok' in r) {
    const env = r as Envelope<T>;
    if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.field);
    return env.value;
  }
  return r as T;
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

export function onShellEvent(event: string, cb: (payload: unknown) => void): () => void {
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
