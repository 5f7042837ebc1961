import type { RecentBriefing } from './types';
import type { AppState } from './state-store';

/** Recent lists: most recent first, no duplicates, bounded. Pure functions over AppState. */
export const MAX_RECENT_LIBRARIES = 10;
const MAX_RECENT_BRIEFINGS = 10;

function libraryKey(path: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'linux' ? path : path.toLowerCase();
}

export function withRecentLibrary(s: AppState, path: string, at: Date, platform: NodeJS.Platform = process.platform): AppState {
  const k = libraryKey(path, platform);
  const rest = s.libraries.filter((l) => libraryKey(l.path, platform) !== k);
  return { ...s, libraries: [{ path, openedAt: at.toISOString() }, ...rest].slice(0, MAX_RECENT_LIBRARIES) };
}

export function isRecentLibrary(s: AppState, path: string, platform: NodeJS.Platform = process.platform): boolean {
  const k = libraryKey(path, platform);
  return s.libraries.some((l) => libraryKey(l.path, platform) === k);
}

export function withRecentBriefing(
  s: AppState,
  libraryPath: string,
  b: { id: string; title: string },
  at: Date,
  platform: NodeJS.Platform = process.platform,
): AppState {
  const k = libraryKey(libraryPath, platform);
  const list = (s.briefings[k] ?? []).filter((r) => r.id !== b.id);
  return { ...s, briefings: { ...s.briefings, [k]: [{ id: b.id, title: b.title, openedAt: at.toISOString() }, ...list].slice(0, MAX_RECENT_BRIEFINGS) } };
}

export function withoutBriefing(s: AppState, libraryPath: string, id: string, platform: NodeJS.Platform = process.platform): AppState {
  const k = libraryKey(libraryPath, platform);
  return { ...s, briefings: { ...s.briefings, [k]: (s.briefings[k] ?? []).filter((r) => r.id !== id) } };
}

export function recentBriefings(s: AppState, libraryPath: string, platform: NodeJS.Platform = process.platform): RecentBriefing[] {
  return s.briefings[libraryKey(libraryPath, platform)] ?? [];
}
