import { randomUUID } from 'node:crypto';

/** Stable identifiers: random UUIDs, so libraries can later be merged without clashes. */
export function newId(): string {
  return randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/**
 * What a person may type for a shortened id: 6 to 36 of a uuid's characters. Anything else is
 * never looked up by prefix, so `%`, `_` and a 100,000-character paste cannot reach a LIKE.
 */
export function isIdPrefix(s: string): boolean {
  return /^[0-9a-f-]{6,36}$/i.test(s);
}
