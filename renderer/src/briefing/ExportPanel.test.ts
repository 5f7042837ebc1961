import { describe, expect, it } from 'vitest';
import { exportRecord } from './ExportPanel';

describe('what the export panel says about history', () => {
  it('names the version the export recorded, or says none was recorded (read-only library)', () => {
    expect(exportRecord({ version: 4 })).toBe('Version 4 in this briefing’s history');
    expect(exportRecord({})).toBe('Not recorded in history: the library is open read-only.');
  });
});
