import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import type { CoreLink } from '../api/host/core-service';
import { TeamKeychain, keychainKey, type SafeStorageLike } from './team-keychain';
import { TeamPasswords } from './team-passwords';

/** A stand-in for safeStorage: reversible, and never the plain text. */
function fakeSafe(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
  };
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('team passwords in the OS keychain', () => {
  const key = keychainKey({ server: 'ann@db.office:5432/dossier', team: 'Desk' })!;

  it('keeps the password encrypted in the user-data file and gives it back', () => {
    const file = join(dir, 'team-passwords.json');
    const k = new TeamKeychain(file, fakeSafe());
    expect(k.save(key, 'correct horse')).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(new TeamKeychain(file, fakeSafe()).load(key)).toBe('correct horse');
    expect(k.load('someone@else|Desk')).toBeUndefined();
  });

  it('writes nothing where the OS has no keychain, and asks again for a damaged file', () => {
    const file = join(dir, 'team-passwords.json');
    const none = new TeamKeychain(file, fakeSafe(false));
    expect(none.available()).toBe(false);
    expect(none.save(key, 'pw')).toBe(false);
    expect(() => readFileSync(file)).toThrow();
    writeFileSync(file, '{not json');
    const warnings: string[] = [];
    expect(new TeamKeychain(file, fakeSafe(), { warn: (m) => warnings.push(m) }).load(key)).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('names a link only when it has a server and a team', () => {
    expect(keychainKey({ team: 'Desk' })).toBeUndefined();
    expect(key).toBe('ann@db.office:5432/dossier|Desk');
  });
});

describe('the team password between main and the core', () => {
  const linked = {
    linked: true,
    team: 'Desk',
    server: 'ann@db.office:5432/dossier',
    state: 'synced',
    pending: 0,
    conflicts: 0,
    lastSyncAt: null,
    lastError: null,
    syncing: false,
    message: '',
  };

  /** A core that answers team:status with `status` and records what it was handed. */
  function fakeCore(status: object): { link: CoreLink; handed: unknown[][] } {
    const handed: unknown[][] = [];
    const link = {
      request: (method: string, args: unknown[]) => {
        handed.push([method, ...args]);
        return Promise.resolve(method === 'call' ? { ok: true, value: status } : status);
      },
    } as unknown as CoreLink;
    return { link, handed };
  }

  it('keeps a typed password the server accepted and hands it to the core when the library opens again', async () => {
    const keychain = new TeamKeychain(join(dir, 'k.json'), fakeSafe());
    const core = fakeCore(linked);
    const team = new TeamPasswords(keychain, core.link);
    const out = team.afterCall('team:link', [{ url: 'postgresql://ann@db.office/dossier', team: 'Desk', password: 'pw-1' }], { ok: true, value: linked });
    expect(out).toMatchObject({ ok: true, value: { keychain: true } });
    expect(JSON.stringify(out)).not.toContain('pw-1');
    await team.unlock();
    expect(core.handed).toEqual([
      ['call', 'team:status', []],
      ['setTeamPassword', 'pw-1'],
    ]);
  });

  it('does not keep a refused password, and hands nothing over for an unlinked library', async () => {
    const keychain = new TeamKeychain(join(dir, 'k.json'), fakeSafe());
    const team = new TeamPasswords(keychain, fakeCore({ ...linked, linked: false, state: 'unlinked' }).link);
    team.afterCall('team:password', ['wrong'], { ok: true, value: { ...linked, state: 'password_refused' } });
    expect(keychain.load(keychainKey(linked)!)).toBeUndefined();
    const core = fakeCore({ ...linked, linked: false, state: 'unlinked' });
    await new TeamPasswords(keychain, core.link).unlock();
    expect(core.handed).toEqual([['call', 'team:status', []]]);
  });
});
