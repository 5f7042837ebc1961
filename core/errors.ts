/**
 * Every failure the core reports to a person is a DossierError: a stable code the shells
 * map to exit codes or UI states, the field at fault when there is one, and a one-line
 * message that names the field and the problem. Anything else reaching a shell is a bug.
 */
export type ErrorCode =
  | 'validation' // input broke a rule; nothing was written
  | 'not_found' // an id or name that does not exist
  | 'conflict' // the write would break an invariant (duplicate, still referenced)
  | 'library_corrupt' // the file is not a readable Dossier library
  | 'library_future' // written by a newer Dossier; refused, never modified
  | 'io' // the file system said no
  | 'password_required' // the file is encrypted: ask for its password (again, when the one given was wrong) and retry
  | 'server_unreachable' // the team server could not be reached (or stopped answering); nothing local changed
  | 'server_auth' // the team server refused the user name or password
  | 'server_future' // the team server's schema (or a pack) is from a newer Dossier; refused, never modified
  | 'forbidden'; // the team server refused: not a member (any more), or the role or clearance does not allow it

export class DossierError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DossierError';
    this.code = code;
    this.field = field;
  }
}

export function invalid(field: string, problem: string): DossierError {
  return new DossierError('validation', `${field}: ${problem}`, field);
}

export function notFound(what: string, key: string): DossierError {
  return new DossierError('not_found', `${what} not found: ${printable(key)}`);
}

/**
 * A value typed by someone, fit to quote in a one-line message: control characters shown as
 * escapes (a newline must not break the line), and at most 80 characters of it.
 */
export function printable(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}… (${value.length} characters)` : value;
  return shown.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function isDossierError(e: unknown): e is DossierError {
  return e instanceof DossierError;
}

/** The `code` of anything thrown (SQLite's "SQLITE_BUSY", Node's "ENOENT"), or "" when it has none. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : '';
}
