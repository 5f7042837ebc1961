import { afterEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function lib() {
  const t = tempLibrary();
  cleanup = t.cleanup;
  return t.lib;
}

function refusal(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('text is stored exactly as typed, or refused with a message', () => {
  it('refuses a NUL in a title, a fact or a tag, naming the field, and writes nothing', () => {
    const l = lib();
    expect(refusal(() => l.addSource({ type: 'report', title: 'Annual\0report' })).message).toBe('source.title: must not contain a NUL character (U+0000)');
    const s = l.addSource(SAMPLE_SOURCE);
    expect(refusal(() => l.addFact({ text: 'Ports \0 reopened.', sourceId: s.id })).message).toMatch(/^fact\.text: must not contain a NUL/);
    expect(refusal(() => l.addFact({ text: 'Ports reopened.', sourceId: s.id, tags: ['gr\0ain'] })).message).toMatch(/NUL character/);
    expect(l.counts()).toMatchObject({ sources: 1, facts: 0, tags: 0 });
  });

  it('refuses an unpaired surrogate (it would come back as U+FFFD) but keeps paired ones', () => {
    const l = lib();
    const s = l.addSource(SAMPLE_SOURCE);
    expect(refusal(() => l.addFact({ text: 'Bad \uD800 half.', sourceId: s.id })).message).toBe(
      'fact.text: is not valid Unicode text (it has an unpaired surrogate)',
    );
    const ok = l.addFact({ text: 'Flag 🇺🇦 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 kept.', sourceId: s.id });
    expect(l.getFact(ok.id).text).toBe('Flag 🇺🇦 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 kept.');
  });

  it('looks ids up by prefix only when they look like ids: wildcards and huge pastes are just "not found", on one line', () => {
    const l = lib();
    const s = l.addSource(SAMPLE_SOURCE);
    l.addFact({ text: 'One.', sourceId: s.id });
    l.addFact({ text: 'Two.', sourceId: s.id });
    expect(refusal(() => l.getFact('%%%%%%')).message).toBe('Fact not found: %%%%%%');
    expect(refusal(() => l.getFact('______')).code).toBe('not_found');
    const huge = refusal(() => l.getFact('a'.repeat(100_000)));
    expect(huge.message).toBe(`Fact not found: ${'a'.repeat(80)}… (100000 characters)`);
    expect(refusal(() => l.getFact('line\nbreak')).message).toBe('Fact not found: line\\u000abreak');
    expect(refusal(() => l.addFact({ text: 'x', sourceId: 'a\nb' })).message).toBe('fact.sourceId: no source with id "a\\u000ab"');
  });
});
