import type { Command } from '../command';
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
import { importCommand } from './import';
import { backupCommand, checkCommand, markingsCommand } from './maintenance';
import { sourceAddCommand, sourceEditCommand, sourceMergeCommand, sourceRmCommand, sourceShowCommand, sourcesCommand, sourcesExportCommand } from './sources';

/** Every command, in the order `dossier --help` lists them. */
export const COMMANDS: Command[] = [
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
  briefNewCommand,
  briefListCommand,
  briefShowCommand,
  briefSetCommand,
  briefAddCommand,
  briefMoveCommand,
  briefRmCommand,
  briefCheckCommand,
  exportCommand,
  stylesCommand,
  templatesCommand,
  sampleCommand,
  markingsCommand,
  backupCommand,
  checkCommand,
];
