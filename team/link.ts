import { invalid } from '../core/errors';
import type { Library } from '../db/library';
import type { TeamLink } from '../db/repo/sync-link';
import { type Membership, type TeamServer, whoAmI } from './server/index';
import { withoutPassword } from './server-url';

/**
 * Links a library to a team the user belongs to on `server` (opened with the user's own
 * login): the team must use the library's marking scheme, and the URL is kept without any
 * password. The user's role is kept with the link (a reader's edits of team rows are refused
 * here, before the server would refuse them). The desktop app's Team dialog and the command
 * line's `team link` both link through here.
 */
export async function linkLibrary(lib: Library, server: TeamServer, url: string, team: string): Promise<{ link: TeamLink; me: Membership }> {
  const current = lib.teamLink();
  if (current && current.teamName !== team)
    throw invalid('team', `this library is already linked to team "${current.teamName}"; a library belongs to one team`);
  const me = await whoAmI(server, team);
  const scheme = lib.markingScheme().id;
  if (scheme !== me.scheme)
    throw invalid(
      'team',
      `team "${team}" uses ${me.scheme.toUpperCase()} markings and this library ${scheme.toUpperCase()}; switch the library's markings first (dossier markings set ${me.scheme})`,
    );
  const link = lib.setTeamLink({ server: withoutPassword(url), teamId: me.teamId, teamName: me.teamName, userName: me.user, scheme: me.scheme, role: me.role });
  return { link, me };
}
