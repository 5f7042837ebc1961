import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import { writeFileAtomicSync } from './atomic-file';

/**
 * The shell's own remembered state (window bounds, recent libraries and briefings), one JSON
 * file in userData. Read leniently — a damaged or hand-edited file falls back to defaults field
 * by field instead of stopping the app — and written atomically.
 */
const iso = z.string().max(40);
const windowSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
});
const recentLibrary = z.object({ path: z.string().min(1).max(4096), openedAt: iso });
const recentBriefing = z.object({ id: z.string().min(1).max(200), title: z.string().max(500), openedAt: iso });

const stateSchema = z.object({
  version: z.literal(1).catch(1),
  window: windowSchema.optional().catch(undefined),
  libraries: z.array(recentLibrary).max(50).catch([]),
  /** Recent briefings per library path. */
  briefings: z.record(z.string(), z.array(recentBriefing).max(50)).catch({}),
});

export type AppState = z.infer<typeof stateSchema>;
export type WindowState = z.infer<typeof windowSchema>;

export const DEFAULT_STATE: AppState = { version: 1, libraries: [], briefings: {} };

export class StateStore {
  private state: AppState;

  constructor(
    readonly path: string,
    private readonly log: { warn(m: string): void } = console,
  ) {
    this.state = this.read();
  }

  get(): AppState {
    return this.state;
  }

  update(change: (s: AppState) => AppState): void {
    this.state = change(this.state);
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileAtomicSync(this.path, `${JSON.stringify(this.state, null, 2)}\n`);
    } catch (e) {
      this.log.warn(`could not save ${this.path}: ${(e as Error).message}`);
    }
  }

  private read(): AppState {
    if (!existsSync(this.path)) return structuredClone(DEFAULT_STATE);
    try {
      const parsed = stateSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (parsed.success) return parsed.data;
      this.log.warn(`${this.path}: ${parsed.error.issues[0]?.message ?? 'unreadable'}; using defaults`);
    } catch (e) {
      this.log.warn(`${this.path} is not valid JSON (${(e as Error).message}); using defaults`);
    }
    return structuredClone(DEFAULT_STATE);
  }
}
