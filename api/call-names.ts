import type { CallName } from './contract';
import type { ShellCallName } from './shell/contract';

/**
 * The names of the core's calls and of the desktop shell's, as plain lists: what the sandboxed
 * preload needs to refuse an unknown name before anything is sent. Kept apart from the
 * contracts so the preload bundle carries no zod (main validates the arguments, which the
 * renderer cannot skip). The compiler checks each list names every call of its contract, and
 * nothing else.
 */
export const CALL_NAMES = [
  'library:info',
  'library:check',
  'library:backup',
  'facts:search',
  'facts:get',
  'facts:add',
  'facts:update',
  'facts:verify',
  'facts:tag',
  'facts:untag',
  'facts:remove',
  'sources:list',
  'sources:get',
  'sources:add',
  'sources:update',
  'sources:remove',
  'sources:merge',
  'tags:list',
  'tags:rename',
  'searches:list',
  'searches:save',
  'searches:remove',
  'facts:corroboration',
  'facts:context',
  'facts:corroborate',
  'facts:uncorroborate',
  'capture:preview',
  'capture:commit',
  'briefings:list',
  'briefings:get',
  'briefings:create',
  'briefings:update',
  'briefings:remove',
  'briefings:addItems',
  'briefings:moveItem',
  'briefings:updateItem',
  'briefings:changedFacts',
  'briefings:acceptFactChanges',
  'briefings:removeItem',
  'briefings:preview',
  'briefings:check',
  'briefings:export',
  'briefings:addSection',
  'briefings:renameSection',
  'briefings:moveSection',
  'briefings:removeSection',
  'briefings:history',
  'briefings:version',
  'briefings:diff',
  'briefings:restoreVersion',
  'team:status',
  'team:sync',
  'team:conflicts',
  'team:resolve',
  'team:share',
  'team:link',
  'team:password',
  'templates:list',
  'templates:get',
  'styles:list',
] as const satisfies readonly CallName[];

export const SHELL_CALL_NAMES = [
  'app:info',
  'libraries:current',
  'libraries:recent',
  'libraries:open',
  'libraries:create',
  'libraries:switch',
  'libraries:backups',
  'libraries:backupNow',
  'libraries:restore',
  'dialog:saveFile',
  'import:file',
  'import:bytes',
  'export:briefing',
  'file:open',
  'file:showInFolder',
  'link:open',
  'recent:briefings',
  'recent:briefingOpened',
  'operation:cancel',
] as const satisfies readonly ShellCallName[];

// Compile-time: each list names every call of its contract.
type MissingCall = Exclude<CallName, (typeof CALL_NAMES)[number]>;
type MissingShellCall = Exclude<ShellCallName, (typeof SHELL_CALL_NAMES)[number]>;
const complete: [MissingCall, MissingShellCall] extends [never, never] ? true : never = true;
void complete;
