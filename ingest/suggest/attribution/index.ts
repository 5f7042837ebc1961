import { tokenize } from '../tokens';
import { cues } from './cues';

/**
 * Who a sentence attributes its content to, as a suggestion the analyst confirms:
 *   "Ines Duarte, the foreign minister, said …"      → name Ines Duarte, role foreign minister
 *   "… a U.S. senior official said"                   → role U.S. senior official
 *   "… according to the Meridian Herald"              → viaOutlet Meridian Herald
 *   "“…,” she said"                                   → nothing (a pronoun is not a name)
 *
 * Rule-based and deliberately small: the sentence is tokenized (../tokens), speech cues are
 * found (./cues: a verb of saying or of taking a stand, "according to", "as cited by", "in an
 * interview with" …; not "did not say"), and the noun phrase each cue points at is read off
 * the tokens next to it, within its clause (./phrases). That phrase is then split into a name
 * (capitalised words) and a role (a description, or a title in front of a name) (./reading).
 * A phrase naming a news outlet is not the speaker but the channel the statement came
 * through: it becomes `viaOutlet`. The words the rules know are in ./lexicons.
 *
 * Cues inside quotation marks are ignored: "“Officials told us to leave,” she said" quotes
 * someone else's words; the officials are not the source of the sentence.
 */

export interface AttributionSuggestion {
  name?: string;
  role?: string;
  /** Another outlet the sentence credits ("…, Reuters reported", "told the BBC"). */
  viaOutlet?: string;
}

/**
 * Suggests who a sentence is attributed to, and through which outlet, or `undefined` when it
 * names nobody (or only "he"/"she"/"they").
 */
export function suggestAttribution(sentence: string): AttributionSuggestion | undefined {
  const toks = tokenize(sentence);
  const found = cues(sentence, toks);
  const result: AttributionSuggestion = {};
  // The first speaker in reading order is the main clause's; later ones are usually nested.
  for (const f of found) {
    if (f.speaker && !result.name && !result.role && f.speaker.kind === 'person') {
      if (f.speaker.name) result.name = f.speaker.name;
      if (f.speaker.role) result.role = f.speaker.role;
    }
    if (f.via && !result.viaOutlet) result.viaOutlet = f.via;
  }
  return result.name || result.role || result.viaOutlet ? result : undefined;
}
