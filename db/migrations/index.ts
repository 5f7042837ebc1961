import type { Migration } from './migration';
import { initial } from './0001-initial';
import { corroboration } from './0002-corroboration';
import { libraryId } from './0003-library-id';
import { writing } from './0004-writing';
import { headerDates } from './0005-header-dates';
import { originals } from './0006-originals';
import { figuresRanges } from './0007-figures-ranges';
import { noteCache } from './0008-note-cache';
import { teamSync } from './0009-team-sync';
import { searchFromView } from './0010-search-from-view';
import { teamOriginals } from './0011-team-originals';

/** Every schema version in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  corroboration,
  libraryId,
  writing,
  headerDates,
  originals,
  figuresRanges,
  noteCache,
  teamSync,
  searchFromView,
  teamOriginals,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export type { Migration };
