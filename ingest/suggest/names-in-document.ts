import type { AttributionSuggestion } from './attribution';

/**
 * People named in full earlier in one document, so that a later short mention resolves to
 * them: after "Japan's envoy, Hiroyuki Namazu, condemned …", "Namazu added …" is Hiroyuki
 * Namazu, Japan's envoy. A short mention matches the last word of a full name, or its first
 * where that is how the person is called: before a hyphenated given name ("Pak" in "Pak
 * Jong-chol", family name first) or in a name of three words or more ("Tedros" in "Tedros
 * Adhanom Ghebreyesus"); not "Israel" in "Israel Katz". Only when one person seen so far has
 * that word: two people sharing it resolve to neither.
 */
export class NamesInDocument {
  /** Lower-cased name word → the people whose full name holds it. */
  private readonly byWord = new Map<string, Set<string>>();
  /** Full name → the role it was given (the first one seen). */
  private readonly roles = new Map<string, string | undefined>();

  /** Remembers a full name (and its role); returns the attribution with a short name resolved. */
  resolve(a: AttributionSuggestion | undefined): AttributionSuggestion | undefined {
    if (!a?.name) return a;
    const words = nameWords(a.name);
    if (words.length >= 2) {
      this.remember(a.name, words, a.role);
      return a;
    }
    const full = this.only(words[0]);
    if (!full) return a;
    const role = a.role ?? this.roles.get(full);
    return { ...a, name: full, ...(role ? { role } : {}) };
  }

  private remember(name: string, words: string[], role: string | undefined): void {
    if (!this.roles.has(name) || (role && !this.roles.get(name))) this.roles.set(name, role);
    const last = words[words.length - 1];
    const byFirst = words.length >= 3 || last.includes('-');
    for (const w of byFirst ? [words[0], last] : [last]) {
      const people = this.byWord.get(w) ?? new Set<string>();
      people.add(name);
      this.byWord.set(w, people);
    }
  }

  private only(word: string | undefined): string | undefined {
    const people = word ? this.byWord.get(word) : undefined;
    return people?.size === 1 ? [...people][0] : undefined;
  }
}

/** The capitalised words of a name, lower-cased: "Ursula von der Leyen" → ursula, leyen. */
function nameWords(name: string): string[] {
  return name
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w.toLowerCase().replace(/’/g, "'"));
}
