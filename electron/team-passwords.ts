import type { Envelope, TeamStatus } from '../api/contract';
import type { CoreLink } from '../api/host/core-service';
import { type TeamKeychain, keychainKey } from './team-keychain';

const TYPED = new Set(['team:link', 'team:password']);

/**
 * The desktop's part of the team password: a password the person typed in the Team dialog and
 * the server accepted goes into the OS keychain; when a linked library opens, main takes it
 * out and hands it to the core process (`setTeamPassword`, like a save dialog's grant). Team
 * states leaving for the window say whether the keychain works, so it can say why it asks.
 */
export class TeamPasswords {
  constructor(
    private readonly keychain: TeamKeychain,
    private readonly core: CoreLink,
    private readonly log?: { warn(m: string): void },
  ) {}

  /** After a core call: keeps an accepted password, and marks team states with the keychain's availability. */
  afterCall(name: string, args: unknown, r: Envelope<unknown>): Envelope<unknown> {
    if (!r.ok || !name.startsWith('team:') || !isStatus(r.value)) return r;
    const status = this.mark(r.value);
    const password = typedPassword(name, args);
    const key = keychainKey(status);
    if (password && key && status.state !== 'password_refused') {
      try {
        this.keychain.save(key, password);
      } catch (e) {
        this.log?.warn(`the team password could not be kept in the keychain: ${(e as Error).message}`);
      }
    }
    return { ok: true, value: status };
  }

  mark(status: TeamStatus): TeamStatus {
    return { ...status, keychain: this.keychain.available() };
  }

  /** A library opened: if it is linked and the keychain has its password, the core gets it and syncs. */
  async unlock(): Promise<void> {
    const r = await this.core.request('call', ['team:status', []]);
    if (!r.ok || !isStatus(r.value) || !r.value.linked) return;
    const key = keychainKey(r.value);
    const password = key ? this.keychain.load(key) : undefined;
    if (password) await this.core.request('setTeamPassword', [password]);
  }
}

function isStatus(v: unknown): v is TeamStatus {
  return typeof v === 'object' && v !== null && typeof (v as TeamStatus).state === 'string' && typeof (v as TeamStatus).linked === 'boolean';
}

function typedPassword(name: string, args: unknown): string | undefined {
  if (!TYPED.has(name) || !Array.isArray(args)) return undefined;
  const v: unknown = name === 'team:link' ? (args[0] as { password?: unknown } | undefined)?.password : args[0];
  return typeof v === 'string' && v ? v : undefined;
}
