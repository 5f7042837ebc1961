import * as z from 'zod';
import type { Envelope } from '../contract';
import type { ExportResult } from '../../export/export-briefing';
import type { BackupInfo, Canceled, ImportResult, LibraryStatus, RecentBriefing, RecentLibrary } from '../host/types';

/**
 * The desktop shell's own calls — dialogs, files the app wrote, links, recent lists, library
 * switching and backups — in the same pattern as api/contract.ts: a name, a zod schema for the
 * positional arguments (checked in main before anything happens), a result type, and answers
 * in the same ok/error envelope. The renderer calls them as `window.dossier.shell(name, …args)`.
 *
 * What the renderer can never do through these: name a path to write (paths come back from a
 * save dialog shown by main and are granted there), open or reveal a file Dossier did not write
 * in this session, open a non-http(s) link, switch to a library that is not in the recent list,
 * or restore a backup without the user confirming in a native dialog.
 */

/** Operation ids: chosen by the renderer (crypto.randomUUID()) so it can listen before starting. */
const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an operation id is 8–64 letters, digits, - or _');
const briefingId = z.string().min(1).max(200);
const exportFormat = z.enum(['docx', 'markdown', 'text']);
const path = z.string().min(1).max(4096);

import { MAX_IMPORT_BYTES } from '../host/limits';

export const SHELL_CALLS = {
  'app:info': z.tuple([]),

  'libraries:current': z.tuple([]),
  'libraries:recent': z.tuple([]),
  'libraries:open': z.tuple([]),
  'libraries:create': z.tuple([]),
  'libraries:switch': z.tuple([path]),
  'libraries:backups': z.tuple([]),
  'libraries:backupNow': z.tuple([z.strictObject({ opId: opIdSchema })]),
  'libraries:restore': z.tuple([z.strictObject({ opId: opIdSchema, name: z.string().min(1).max(255) })]),

  'dialog:saveFile': z.tuple([
    z.strictObject({
      purpose: z.enum(['export', 'backup']),
      defaultName: z.string().max(255).optional(),
      format: exportFormat.optional(),
    }),
  ]),

  'import:file': z.tuple([z.strictObject({ opId: opIdSchema })]),
  'import:bytes': z.tuple([
    z.strictObject({
      opId: opIdSchema,
      name: z.string().min(1).max(255),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, 'the file is larger than 200 MB'),
    }),
  ]),

  'export:briefing': z.tuple([
    z.strictObject({
      opId: opIdSchema,
      briefingId,
      format: exportFormat,
      styleId: z.string().max(200).optional(),
      notes: z.enum(['footnotes', 'endnotes']).optional(),
      templateId: z.string().max(100).optional(),
    }),
  ]),

  'file:open': z.tuple([path]),
  'file:showInFolder': z.tuple([path]),
  'link:open': z.tuple([z.string().min(1).max(8192)]),

  'recent:briefings': z.tuple([]),
  'recent:briefingOpened': z.tuple([briefingId]),

  /** Sent on its own channel (dossier:cancel) by the preload. */
  'operation:cancel': z.tuple([opIdSchema]),
} as const;

export type ShellCallName = keyof typeof SHELL_CALLS;
export type ShellArgs<K extends ShellCallName> = z.input<(typeof SHELL_CALLS)[K]>;

export interface AppInfo {
  name: string;
  version: string;
  versions: { electron: string; chrome: string; node: string };
  /** process.platform: 'darwin' | 'win32' | 'linux' … (a string, so the renderer needs no Node types). */
  platform: string;
  packaged: boolean;
}

export interface ShellResults {
  'app:info': AppInfo;
  'libraries:current': LibraryStatus;
  'libraries:recent': RecentLibrary[];
  'libraries:open': LibraryStatus | Canceled;
  'libraries:create': LibraryStatus | Canceled;
  'libraries:switch': LibraryStatus;
  'libraries:backups': BackupInfo[];
  'libraries:backupNow': BackupInfo;
  'libraries:restore': LibraryStatus | Canceled;
  /** The chosen path, now writable by `briefings:export` / `library:backup` (for 30 minutes). */
  'dialog:saveFile': { path: string } | Canceled;
  'import:file': ImportResult | Canceled;
  'import:bytes': ImportResult;
  /** Shows the save dialog, exports, and makes the written file openable with file:open. */
  'export:briefing': ExportResult | Canceled;
  'file:open': null;
  'file:showInFolder': null;
  'link:open': null;
  'recent:briefings': RecentBriefing[];
  'recent:briefingOpened': null;
  'operation:cancel': { cancelled: boolean };
}

export interface DossierShellApi {
  shell<K extends ShellCallName>(name: K, ...args: ShellArgs<K>): Promise<Envelope<ShellResults[K]>>;
}
