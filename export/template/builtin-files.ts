import actionMemo from '../../templates/builtin/action-memo.json';
import backgroundBrief from '../../templates/builtin/background-brief.json';
import infoMemo from '../../templates/builtin/info-memo.json';
import situationReport from '../../templates/builtin/situation-report.json';
import talkingPoints from '../../templates/builtin/talking-points.json';

/**
 * The built-in template files, imported rather than read from disk so they travel inside the
 * bundle. The command line's build replaces this module with the files as the template schema
 * parsed them (scripts/build.mjs, through `validatedBuiltInFiles`), and says so in
 * BUILT_IN_VALIDATED: files that cannot change are checked once, at build time, and an export
 * neither builds the schema nor parses five templates with it (~40–130 ms of a cold export).
 */
export const BUILT_IN_FILES: ReadonlyArray<{ file: string; data: unknown }> = [
  { file: 'templates/builtin/info-memo.json', data: infoMemo },
  { file: 'templates/builtin/action-memo.json', data: actionMemo },
  { file: 'templates/builtin/background-brief.json', data: backgroundBrief },
  { file: 'templates/builtin/talking-points.json', data: talkingPoints },
  { file: 'templates/builtin/situation-report.json', data: situationReport },
];

/** Whether BUILT_IN_FILES holds schema-parsed data (only in the built command line). */
export const BUILT_IN_VALIDATED: boolean = false;
