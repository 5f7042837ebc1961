import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-file';

/** What Electron's `safeStorage` offers (the OS keychain: Keychain, DPAPI, libsecret/kwallet). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface KeychainFile {
  version: 1;
  /** "user@host:port/db|team" → the password encrypted by the OS keychain, base64. */
  passwords: Record<string, string>;
}

/**
 * Team passwords for the desktop app, encrypted with the OS keychain's key (Electron
 * safeStorage) and kept in the app's user-data folder, never in the library file, which travels
 * (backups, copies). Main decrypts one when a library linked to that team opens and hands it
 * to the core process; the window never sees it. Where the OS offers no keychain, nothing is
 * written and the person is asked each session.
 */
export class TeamKeychain {
  constructor(
    private readonly file: string,
    private readonly safe: SafeStorageLike,
    private readonly log?: { warn(m: string): void },
  ) {}

  available(): boolean {
    try {
      return this.safe.isEncryptionAvailable();
    } catch {
      return false;
    }
  }

  /** Keeps the password for the team link; false where the OS has no keychain to encrypt it. */
  save(key: string, password: string): boolean {
    if (!this.available()) return false;
    const f = this.read();
    f.passwords[key] = this.safe.encryptString(password).toString('base64');
    writeFileAtomicSync(this.file, JSON.stringify(f));
    return true;
  }

  load(key: string): string | undefined {
    const blob = this.read().passwords[key];
    if (!blob || !this.available()) return undefined;
    try {
      return this.safe.decryptString(Buffer.from(blob, 'base64'));
    } catch (e) {
      // Another user's or machine's key (a copied profile): ask again rather than fail.
      this.log?.warn(`a saved team password could not be decrypted: ${(e as Error).message}`);
      return undefined;
    }
  }

  private read(): KeychainFile {
    let raw: string;
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, passwords: {} };
    }
    try {
      const f = JSON.parse(raw) as Partial<KeychainFile>;
      if (f && typeof f.passwords === 'object' && f.passwords) return { version: 1, passwords: { ...f.passwords } };
    } catch {
      // A damaged file is replaced at the next save; the person is asked meanwhile.
    }
    this.log?.warn(`${this.file} is not readable; team passwords will be asked for again`);
    return { version: 1, passwords: {} };
  }
}

/** Which team link a password belongs to: the server address (no password) and the team. */
export function keychainKey(status: { server?: string; team?: string }): string | undefined {
  return status.server && status.team ? `${status.server}|${status.team}` : undefined;
}
