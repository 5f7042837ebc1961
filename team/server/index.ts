/**
 * The team server on PostgreSQL (issue 16): connection, schema, teams and members, push and
 * pull. Who sees what is enforced by PostgreSQL's row-level security on the user's own login;
 * this module merges fields and maps errors. See schema/001-team.ts for the tables and policies.
 */
export { openServer, TeamServer } from './connection';
export { initSchema, SERVER_SCHEMA_VERSION } from './schema';
export { createTeam, addUser, revokeUser, whoAmI, type Membership, type TeamRole } from './admin';
export { push, type PushResult } from './push';
export { counterBehind, pull, type PullResult } from './pull';
export { currentRows } from './current-rows';
