import { randomBytes } from 'node:crypto';
import { DossierError } from '../../core/errors';
import type { TeamServer } from '../../team/server/index';
import { serverAddress, withoutPassword } from '../../team/server-url';
import { oneOf } from '../choices';
import type { Command, Context } from '../command';
import { UsageError, need, str } from '../command';
import { readInput } from '../read-input';
import { fields } from '../table';
import { TEAM_PASSWORD_HELP, teamPassword } from '../team-password';

/**
 * The team server's client (PostgreSQL's `pg` and its 230 KB chunk) is loaded by the team
 * commands when they run: statically imported, every command — an export too — loaded it.
 */
const teamServer = () => import('../../team/server/index');

const SERVER_HELP = `  --server URL         the team server: a PostgreSQL connection string, e.g.
                       postgresql://admin@db.office.example:5432/dossier?sslmode=verify-full
${TEAM_PASSWORD_HELP}`;

/** Connects with the password of the URL's user (or the one in the URL, for scripts that have it there). */
export async function connect(ctx: Context, url: string): Promise<TeamServer> {
  const inUrl = passwordInUrl(url);
  const password = inUrl ?? (await teamPassword(str(ctx.values, 'password-file'), ctx.env, serverAddress(url)));
  const { openServer } = await teamServer();
  return openServer({ url, password });
}

async function withServer<T>(ctx: Context, url: string, work: (s: TeamServer) => Promise<T>): Promise<T> {
  const server = await connect(ctx, url);
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

function serverOption(ctx: Context): string {
  const url = str(ctx.values, 'server');
  if (!url) throw new UsageError('give the team server: --server URL (a PostgreSQL connection string)');
  return url;
}

export const teamInitCommand: Command = {
  name: ['team', 'init'],
  summary: "create or upgrade the team server's schema (a server admin); --team makes a team on it",
  usage: 'dossier team init --server URL [--team NAME --scheme us|uk]',
  help: `${SERVER_HELP}
  --team NAME          also create the team NAME (if it does not exist yet)
  --scheme us|uk       the team's marking scheme (default us); every member's clearance is a level of it
A server whose schema is newer than this Dossier is refused and left as it is.`,
  options: { server: { type: 'string' }, team: { type: 'string' }, scheme: { type: 'string' }, 'password-file': { type: 'string' } },
  noLibrary: true,
  async run(ctx) {
    const url = serverOption(ctx);
    const team = str(ctx.values, 'team');
    const scheme = oneOf('--scheme', str(ctx.values, 'scheme') ?? 'us', ['us', 'uk']) as 'us' | 'uk';
    const { initSchema, createTeam } = await teamServer();
    return withServer(ctx, url, async (s) => {
      const schema = await initSchema(s);
      const made = team ? await createTeam(s, team, scheme, { ifMissing: true }) : undefined;
      if (ctx.json) return { schema, team: made ? { name: team, id: made.id, scheme, created: made.created } : null };
      ctx.out(
        schema.from === schema.to
          ? `The team server at ${serverAddress(url)} is up to date (schema ${schema.to}).`
          : `The team server at ${serverAddress(url)} now has schema ${schema.to}${schema.from ? ` (was ${schema.from})` : ''}.`,
      );
      if (made)
        ctx.out(
          `Team "${team}" (${scheme.toUpperCase()} markings) ${made.created ? 'is ready' : 'was there already'}. Add people with: dossier team add-user NAME --team "${team}" …`,
        );
      return undefined;
    });
  },
};

export const teamAddUserCommand: Command = {
  name: ['team', 'add-user'],
  summary: 'add a person to a team with a role and a clearance, or change them (a server admin)',
  usage: 'dossier team add-user NAME --team T --role reader|editor|admin --clearance LEVEL --server URL [--new-password-file F]',
  help: `${SERVER_HELP}
  --role R             reader (pulls only), editor (shares and edits), admin (also manages the team)
  --clearance LEVEL    the highest marking the person may receive, a level of the team's scheme
                       (e.g. CUI, SECRET; OFFICIAL-SENSITIVE). PostgreSQL itself withholds higher rows.
  --new-password-file F  the new person's password (first line); without it one is made and
                       printed once, to hand over in person`,
  options: {
    server: { type: 'string' },
    team: { type: 'string' },
    role: { type: 'string' },
    clearance: { type: 'string' },
    'password-file': { type: 'string' },
    'new-password-file': { type: 'string' },
  },
  noLibrary: true,
  async run(ctx) {
    const name = need(ctx, 0, 'NAME');
    const team = str(ctx.values, 'team') ?? '';
    if (!team) throw new UsageError('give the team: --team T');
    const role = oneOf('--role', str(ctx.values, 'role') ?? '', ['reader', 'editor', 'admin']) as 'reader' | 'editor' | 'admin';
    const clearance = str(ctx.values, 'clearance');
    if (!clearance) throw new UsageError('give the clearance: --clearance LEVEL (a level of the team scheme, e.g. CUI)');
    const file = str(ctx.values, 'new-password-file');
    const password = file ? firstLine(await readInput(file), file) : randomBytes(18).toString('base64url');
    const { addUser } = await teamServer();
    await withServer(ctx, serverOption(ctx), (s) => addUser(s, { name, team, role, clearance, password }));
    if (ctx.json) return { name, team, role, clearance, ...(file ? {} : { password }) };
    ctx.out(`${name} is a${role === 'admin' || role === 'editor' ? 'n' : ''} ${role} of "${team}", cleared to ${clearance.toUpperCase()}.`);
    if (!file) ctx.out(`Their password (shown once; hand it over in person): ${password}`);
    return undefined;
  },
};

export const teamRevokeCommand: Command = {
  name: ['team', 'revoke'],
  summary: "end a person's membership of a team: their next sync removes the team's facts from their laptop",
  usage: 'dossier team revoke NAME --team T --server URL',
  help: SERVER_HELP,
  options: { server: { type: 'string' }, team: { type: 'string' }, 'password-file': { type: 'string' } },
  noLibrary: true,
  async run(ctx) {
    const name = need(ctx, 0, 'NAME');
    const team = str(ctx.values, 'team');
    if (!team) throw new UsageError('give the team: --team T');
    const { revokeUser } = await teamServer();
    await withServer(ctx, serverOption(ctx), (s) => revokeUser(s, { name, team }));
    if (ctx.json) return { name, team, revoked: true };
    ctx.out(`${name} is no longer a member of "${team}". Their own facts stay theirs; the team's leave their laptop at their next sync.`);
    return undefined;
  },
};

export const teamLinkCommand: Command = {
  name: ['team', 'link'],
  summary: 'link this library to a team on a team server (the URL names your user)',
  usage: 'dossier team link URL --team T',
  help: `${TEAM_PASSWORD_HELP}
The library keeps the URL without any password. Share with: dossier share --team T --tag TAG`,
  options: { team: { type: 'string' }, 'password-file': { type: 'string' } },
  async run(ctx) {
    const url = need(ctx, 0, 'URL');
    const team = str(ctx.values, 'team');
    if (!team) throw new UsageError('give the team: --team T');
    const lib = ctx.library();
    const { linkLibrary } = await import('../../team/link');
    const { me } = await withServer(ctx, url, (s) => linkLibrary(lib, s, url, team));
    if (ctx.json) return { ...me, server: withoutPassword(url) };
    ctx.out(
      fields([
        ['team', me.teamName],
        ['server', serverAddress(url)],
        ['you', `${me.user} (${me.role}, cleared to ${me.clearance})`],
      ]),
    );
    ctx.out('Linked. Share facts with: dossier share --team ' + JSON.stringify(me.teamName) + ' --tag TAG; then run: dossier sync');
    return undefined;
  },
};

function firstLine(buf: Buffer, file: string): string {
  const line = buf
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0];
  if (!line) throw new DossierError('validation', `--new-password-file: ${file} is empty`, 'new-password-file');
  return line;
}

function passwordInUrl(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}
