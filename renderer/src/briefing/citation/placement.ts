import type { CSSProperties } from 'react';

/**
 * Where a fixed popup goes next to a chip or caret: below it when there is room for `want`
 * pixels (or more room than above), else above it; never off the window's edges.
 */
export function placeNear(anchor: { left: number; top: number; bottom: number }, width: number, want: number): CSSProperties {
  const margin = 8;
  const below = window.innerHeight - anchor.bottom - margin * 2;
  const above = anchor.top - margin * 2;
  const left = Math.max(margin, Math.min(anchor.left - 12, window.innerWidth - width - margin));
  if (below >= want || below >= above) return { left, top: anchor.bottom + 4, maxHeight: Math.max(160, below) };
  return { left, bottom: window.innerHeight - anchor.top + 4, maxHeight: Math.max(160, above) };
}
