import type { DocumentFormat, ImportedDocument } from '../../ingest/document';

/**
 * Plain data types shared by the shell contract, the event map and the main-process modules.
 * No runtime code: the renderer may import these freely.
 */

export interface BackupInfo {
  /** The file name inside the library's backup folder; the only handle the renderer gets. */
  name: string;
  /** ISO timestamp of when the backup was taken. */
  createdAt: string;
  bytes: number;
}

export type LibraryStatus =
  | {
      state: 'open';
      path: string;
      /** False when the check found problems (e.g. broken references): usable, but not backed up. */
      healthy: boolean;
      problems: string[];
      lastBackup?: BackupInfo;
      /** The file or its folder cannot be written: reading and exporting work, changes are refused. */
      readOnly?: boolean;
      /** What opening did beside the library, one line each (a leftover journal set aside). */
      notices?: string[];
    }
  | {
      /** The file is damaged and was closed; restore a backup or open another library. */
      state: 'damaged';
      path: string;
      message: string;
      newestBackup?: BackupInfo;
    }
  | {
      /** Not opened for another reason: newer Dossier, locked, no permission, native module. */
      state: 'unavailable';
      path: string;
      code: string;
      message: string;
    }
  | { state: 'closed' };

export interface RecentLibrary {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface RecentBriefing {
  id: string;
  title: string;
  openedAt: string;
}

export interface ImportResult {
  fileName: string;
  format: DocumentFormat;
  bytes: number;
  document: ImportedDocument;
  /** The file, kept by the shell until the capture is saved with it (its SHA-256). */
  originalId?: string;
}

export type OperationKind = 'import' | 'export' | 'backup' | 'restore';

export interface Canceled {
  canceled: true;
}
