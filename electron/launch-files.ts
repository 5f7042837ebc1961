import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';

/**
 * Files handed to Dossier by the operating system ("Open with", a file dragged onto the dock
 * or app icon, `dossier report.pdf`): the command line of the first launch, or the data a
 * second launch forwards to the running instance. These paths come from the user's own
 * action outside the app, like a file chosen in an open dialog, and are only ever read.
 */
const MAX_LAUNCH_FILES = 20;

export function filesFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  // argv[0] is the executable; unpackaged, argv[1] is the app folder (`electron .`).
  const args = argv.slice(packaged ? 1 : 2);
  const out: string[] = [];
  for (const a of args) {
    if (!a || a.startsWith('-')) continue; // switches, including Chromium's own
    const path = isAbsolute(a) ? a : resolve(cwd, a);
    try {
      if (statSync(path).isFile()) out.push(path);
    } catch {
      // not a file
    }
    if (out.length >= MAX_LAUNCH_FILES) break;
  }
  return out;
}

const forwarded = z.object({ files: z.array(z.string().min(1).max(4096)).max(MAX_LAUNCH_FILES) });

/** The `additionalData` a second instance sent with requestSingleInstanceLock. */
export function filesFromSecondInstance(data: unknown): string[] {
  const parsed = forwarded.safeParse(data);
  if (!parsed.success) return [];
  return parsed.data.files.filter((p) => {
    try {
      return isAbsolute(p) && statSync(p).isFile();
    } catch {
      return false;
    }
  });
}
