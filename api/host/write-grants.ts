import { resolve } from 'node:path';

/**
 * Paths the renderer may have written, and files Dossier wrote.
 *
 * `WriteGrants` backs `allowWrite` in the core dispatcher: a path is writable only after the
 * user picked it in a save dialog shown by the main process, and only for a while. The
 * renderer can never write to a path it made up.
 *
 * `WrittenFiles` backs "Open in Word" and "Show in folder": only files the app itself wrote
 * in this session (an export's or a backup's result path) may be opened or revealed, so the
 * renderer cannot use shell.openPath to run an arbitrary file.
 */
function key(path: string, platform: NodeJS.Platform): string {
  const p = resolve(path);
  // Windows and macOS file systems are case-insensitive by default.
  return platform === 'linux' ? p : p.toLowerCase();
}

export class WriteGrants {
  private readonly grants = new Map<string, number>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  grant(path: string): void {
    this.prune();
    this.grants.set(key(path, this.platform), this.now() + this.ttlMs);
  }

  allows(path: unknown): boolean {
    if (typeof path !== 'string' || path.length === 0) return false;
    this.prune();
    return this.grants.has(key(path, this.platform));
  }

  clear(): void {
    this.grants.clear();
  }

  private prune(): void {
    const t = this.now();
    for (const [k, until] of this.grants) if (until <= t) this.grants.delete(k);
  }
}

export class WrittenFiles {
  private readonly files = new Set<string>();

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  record(path: string): void {
    this.files.add(key(path, this.platform));
    // Bounded: only the recent exports matter for the "open it now" buttons.
    if (this.files.size > 200) this.files.delete(this.files.values().next().value as string);
  }

  has(path: unknown): boolean {
    return typeof path === 'string' && path.length > 0 && this.files.has(key(path, this.platform));
  }
}
