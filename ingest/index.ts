/**
 * What other layers may use of ingest (export reads prose with the capture detectors: an
 * unsourced claim in a briefing is a sentence the capture view would suggest as a fact).
 * The detectors load on demand (loadClaimDetectors): an export of facts alone never needs them.
 */
export { tokenize } from './suggest/tokens';

export type ClaimDetectors = typeof import('./claim-detectors');

export function loadClaimDetectors(): Promise<ClaimDetectors> {
  return import('./claim-detectors');
}
