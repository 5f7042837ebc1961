import type { Migration } from './migration';
import { initial } from './0001-initial';
import { corroboration } from './0002-corroboration';

/** Every schema version in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial, corroboration];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration };
