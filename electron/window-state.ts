import type { WindowState } from './state-store';

/**
 * Restoring the window where the user left it — but only if that place is still on a screen
 * (a laptop undocked from its second monitor must not open Dossier off-screen).
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };

export function restoreBounds(saved: WindowState | undefined, workAreas: readonly Rect[]): { x?: number; y?: number; width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const largest = workAreas.reduce<Rect | undefined>((a, r) => (!a || r.width * r.height > a.width * a.height ? r : a), undefined);
  const width = Math.min(saved.width, largest?.width ?? saved.width);
  const height = Math.min(saved.height, largest?.height ?? saved.height);
  if (saved.x === undefined || saved.y === undefined) return { width, height };
  const rect = { x: saved.x, y: saved.y, width, height };
  // Visible enough: at least 100×50 px of the title-bar area on some display.
  const visible = workAreas.some(
    (a) => overlap(rect.x, rect.x + rect.width, a.x, a.x + a.width) >= 100 && overlap(rect.y, rect.y + 50, a.y, a.y + a.height) >= 50,
  );
  return visible ? rect : { width, height };
}

function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1));
}
