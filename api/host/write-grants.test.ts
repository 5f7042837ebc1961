import { describe, expect, it } from 'vitest';
import { WriteGrants, WrittenFiles } from './write-grants';

describe('write grants', () => {
  it('allow exactly the chosen path, for a while', () => {
    let t = 0;
    const g = new WriteGrants(1000, () => t, 'linux');
    g.grant('/home/a/Briefing.docx');
    expect(g.allows('/home/a/Briefing.docx')).toBe(true);
    expect(g.allows('/home/a/x/../Briefing.docx')).toBe(true);
    expect(g.allows('/home/a/briefing.docx')).toBe(false);
    expect(g.allows('/home/a/Briefing.docx.exe')).toBe(false);
    expect(g.allows('/home/a')).toBe(false);
    expect(g.allows(undefined)).toBe(false);
    t = 1001;
    expect(g.allows('/home/a/Briefing.docx')).toBe(false);
  });

  it('compare case-insensitively where the file system does', () => {
    const g = new WriteGrants(1000, () => 0, 'win32');
    g.grant('C:\\Users\\a\\Briefing.docx');
    expect(g.allows('c:\\users\\A\\BRIEFING.docx')).toBe(true);
  });
});

describe('written files', () => {
  it('remember only what Dossier wrote', () => {
    const w = new WrittenFiles('linux');
    w.record('/home/a/Briefing.docx');
    expect(w.has('/home/a/Briefing.docx')).toBe(true);
    expect(w.has('/etc/passwd')).toBe(false);
    expect(w.has(42)).toBe(false);
  });
});
