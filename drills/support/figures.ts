import { appendFileSync } from 'node:fs';

/**
 * The figures each drill reports (RELIABILITY.md's table): printed as one line, and appended as
 * JSON to the file DOSSIER_DRILL_FIGURES names, when set, so a run can be tabulated.
 */
export interface Figures {
  tried: number;
  survived: number;
  /** Lost or half-written data, a crash, a corrupt file: anything the drill exists to catch. */
  failed: number;
  /** Anything else worth a number in the report (leftover files, skipped kinds …). */
  notes?: Record<string, number | string>;
}

export function recordFigures(drill: string, f: Figures): void {
  const notes = f.notes
    ? Object.entries(f.notes)
        .map(([k, v]) => `, ${k} ${v}`)
        .join('')
    : '';
  console.log(`[drill] ${drill}: tried ${f.tried}, survived ${f.survived}, failed ${f.failed}${notes}`);
  const file = process.env.DOSSIER_DRILL_FIGURES;
  if (file) appendFileSync(file, JSON.stringify({ drill, long: process.env.DOSSIER_DRILL === 'long', ...f }) + '\n');
}
