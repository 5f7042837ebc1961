import type { Access, Command, Context } from '../command';
import { flag } from '../command';
import { initCommand, restoreCommand } from './library-file';
import { briefChangesCommand, briefItemCommand } from './brief-edit';
import { briefExportMdCommand, briefImportCommand } from './brief-markdown';
import { briefAddCommand, briefListCommand, briefMoveCommand, briefNewCommand, briefRmCommand, briefSetCommand, briefShowCommand } from './briefs';
import {
  factAddCommand,
  factEditCommand,
  factRmCommand,
  factShowCommand,
  factTagCommand,
  factUntagCommand,
  factVerifyCommand,
  factsCommand,
  factCorroborateCommand,
  factUncorroborateCommand,
  tagRenameCommand,
  tagsCommand,
} from './facts';
import { briefCheckCommand, exportCommand, sampleCommand, stylesCommand, templatesCommand } from './export';
import { briefDiffCommand, briefHistoryCommand, briefRestoreCommand } from './brief-history';
import { importCommand } from './import';
import { searchesCommand } from './searches';
import { serveCommand } from './serve';
import { packExportCommand, packImportCommand } from './pack';
import { shareCommand, syncCommand } from './sync';
import { teamAddUserCommand, teamInitCommand, teamLinkCommand, teamRevokeCommand } from './team';
import { backupCommand, checkCommand, markingsCommand } from './maintenance';
import { sourceAddCommand, sourceEditCommand, sourceMergeCommand, sourceRmCommand, sourceShowCommand, sourcesCommand, sourcesExportCommand } from './sources';

/**
 * Commands that only read open the library read-only: they work on read-only media and can
 * never damage the file. Kept here, as one list, so it is read at a glance.
 */
const READS: Record<string, Access | ((ctx: Pick<Context, 'values' | 'positionals'>) => Access)> = {
  sources: 'read',
  'sources export': 'read',
  'source show': 'read',
  facts: 'read',
  'fact show': 'read',
  tags: 'read',
  'brief list': 'read',
  'brief show': 'read',
  'brief check': 'read',
  'brief export-md': 'read',
  'brief history': 'read',
  'brief diff': 'read',
  // An export records its version and the file's hash where the library can be written.
  export: 'record',
  backup: 'read',
  check: (ctx) => (flag(ctx.values, 'repair') ? 'write' : 'read'),
  markings: (ctx) => (ctx.positionals[0] === 'set' || ctx.positionals[0] === 'default' ? 'write' : 'read'),
  import: (ctx) => (flag(ctx.values, 'dry-run') ? 'preview' : 'write'),
};

/** Every command, in the order `dossier --help` lists them. */
export const COMMANDS: Command[] = withAccess([
  importCommand,
  sourcesCommand,
  sourcesExportCommand,
  sourceAddCommand,
  sourceShowCommand,
  sourceEditCommand,
  sourceRmCommand,
  sourceMergeCommand,
  factsCommand,
  factAddCommand,
  factShowCommand,
  factEditCommand,
  factTagCommand,
  factUntagCommand,
  factVerifyCommand,
  factRmCommand,
  factCorroborateCommand,
  factUncorroborateCommand,
  tagsCommand,
  tagRenameCommand,
  searchesCommand,
  briefNewCommand,
  briefListCommand,
  briefShowCommand,
  briefSetCommand,
  briefAddCommand,
  briefMoveCommand,
  briefRmCommand,
  briefItemCommand,
  briefChangesCommand,
  briefCheckCommand,
  briefExportMdCommand,
  briefImportCommand,
  briefHistoryCommand,
  briefDiffCommand,
  briefRestoreCommand,
  exportCommand,
  stylesCommand,
  templatesCommand,
  sampleCommand,
  markingsCommand,
  backupCommand,
  restoreCommand,
  checkCommand,
  serveCommand,
  teamInitCommand,
  teamAddUserCommand,
  teamRevokeCommand,
  teamLinkCommand,
  shareCommand,
  syncCommand,
  packExportCommand,
  packImportCommand,
  initCommand,
]);

function withAccess(commands: Command[]): Command[] {
  return commands.map((c) => {
    const access = READS[c.name.join(' ')];
    return access && !c.access ? { ...c, access } : c;
  });
}
