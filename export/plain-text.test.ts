import { describe, expect, it } from 'vitest';
import { renderPlainText } from './plain-text';
import { getTemplate } from './template/load';
import { actionMemo, HOSTILE, hostileDoc, infoMemo, noteCount } from './testing/fixtures';

describe('renderPlainText', () => {
  it('marks notes [n] in the text and lists them at the end, without markup', () => {
    const doc = infoMemo();
    const text = renderPlainText(doc, getTemplate('info-memo'));
    expect(text).toContain('not shipping security.[1]');
    expect(text).toContain(
      '\nNotes\n[1] FAO, Black Sea Grain Shipments, 3.\n[2] Food and Agriculture Organization, Black Sea Grain Shipments: Quarterly Review (Rome: FAO, 2024), 12.',
    );
    expect(text).toContain(`[${noteCount(doc)}] Ibid., 91.`);
    expect(text).not.toMatch(/[*_#`]|\[\^/);
  });

  it('lays out banner, title, aligned header fields, bullets, closing and sources', () => {
    const text = renderPlainText(infoMemo(), getTemplate('info-memo'));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('UNCLASSIFIED');
    expect(lines.at(-1)).toBe('UNCLASSIFIED');
    expect(text).toContain('INFO MEMO\nMarch 3, 2025\n\nFOR:      SECRETARY OF STATE\nFROM:     Jane Doe');
    expect(text).toContain('SUBJECT:  (U) Black Sea Grain Corridor');
    expect(text).toContain('(U) BLUF: Grain exports');
    expect(text).toContain('\u2022 (U) Shipments through the corridor');
    expect(text).toContain('Attachments: As stated\nPrepared by: Jane Doe');
    expect(text).toContain('Sources\nFood and Agriculture Organization. Black Sea Grain Shipments: Quarterly Review. Rome: FAO, November 2024.');
    expect(text.indexOf('\nNotes\n')).toBeLessThan(text.indexOf('\nSources\n'));
  });

  it('writes the decision lines after the recommendation', () => {
    const text = renderPlainText(actionMemo(), getTemplate('action-memo'));
    expect(text).toContain(
      'That you approve Option B, with an automatic sunset after six months.\n\nDECISION:\nDecision requested by March 10, 2025\nApprove __________\nDisapprove __________\nOther __________',
    );
    expect(text).toContain('Derived From: Multiple Sources');
  });

  it('keeps non-Latin text and drops control characters', () => {
    const text = renderPlainText(hostileDoc());
    for (const s of [HOSTILE.korean, HOSTILE.arabic, HOSTILE.emoji, HOSTILE.combining, HOSTILE.markup]) expect(text).toContain(s);
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(text).toContain('(Lee 2024, 88)');
  });
});
