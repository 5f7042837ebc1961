import type { CallName } from './contract';

/**
 * Calls that may be sent again after the core process was restarted mid-call: reads, and
 * writes that set a value outright by id (the same patch twice leaves the same library). The
 * shell repeats one of these once, so a paragraph saved as the core went down is saved by the
 * new core instead of being shown as failed. Anything that adds, moves or removes is never
 * repeated: the first attempt may have been committed before the core stopped.
 */
const REPEATABLE: ReadonlySet<CallName> = new Set<CallName>([
  'library:info',
  'library:check',
  'facts:search',
  'facts:get',
  'facts:update',
  'facts:corroboration',
  'facts:context',
  'sources:list',
  'sources:get',
  'sources:update',
  'tags:list',
  'searches:list',
  'capture:preview',
  'briefings:list',
  'briefings:get',
  'briefings:update',
  'briefings:updateItem',
  'briefings:changedFacts',
  'briefings:preview',
  'briefings:check',
  'briefings:renameSection',
  'briefings:history',
  'briefings:version',
  'briefings:diff',
  'team:status',
  'team:conflicts',
  'templates:list',
  'templates:get',
  'styles:list',
]);

export function repeatableAfterRestart(name: string): boolean {
  return REPEATABLE.has(name as CallName);
}
