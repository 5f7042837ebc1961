/**
 * Server schema version 1: teams, members, shared rows with their history and change log,
 * idempotency and conflict records, markings ranked by the server, and the row-level security
 * that decides who sees what. Kept as a TypeScript string so esbuild bundles it like any module
 * (dist/ has no loader for .sql files, and the CLI must not read files beside itself).
 *
 * Run by initSchema as the server owner (a superuser, or a role with CREATEROLE and BYPASSRLS):
 * the SECURITY DEFINER functions below run with the owner's rights.
 */
export const schema001 = /* sql */ `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dossier_user') THEN
    CREATE ROLE dossier_user NOLOGIN;
  END IF;
END $$;

CREATE SCHEMA IF NOT EXISTS dossier;
REVOKE ALL ON SCHEMA dossier FROM PUBLIC;
GRANT USAGE ON SCHEMA dossier TO dossier_user;

-- Marking tokens per scheme, seeded from templates/markings/*.json by initSchema: a level's id,
-- banner and portion form, and "LEVEL DESCRIPTOR" variants, each with the level's rank.
CREATE TABLE dossier.marking_levels (
  scheme   text NOT NULL,
  token    text NOT NULL,
  level_id text NOT NULL,
  rank     int  NOT NULL,
  PRIMARY KEY (scheme, token)
);

-- Above every level: an unknown marking is treated as the highest (fail closed).
CREATE FUNCTION dossier.marking_rank(p_scheme text, p_marking text) RETURNS int
LANGUAGE sql STABLE SET search_path = pg_catalog, dossier AS $f$
  SELECT CASE
    WHEN coalesce(btrim(split_part(p_marking, '//', 1)), '') = '' THEN 0
    ELSE coalesce(
      (SELECT rank FROM dossier.marking_levels
        WHERE scheme = p_scheme AND token = upper(btrim(split_part(p_marking, '//', 1)))),
      1000)
  END
$f$;

CREATE TABLE dossier.teams (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
  scheme     text NOT NULL CHECK (scheme IN ('us', 'uk')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- user_name is the PostgreSQL role the member logs in with.
CREATE TABLE dossier.members (
  team_id        uuid NOT NULL REFERENCES dossier.teams(id),
  user_name      name NOT NULL,
  role           text NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
  clearance      text NOT NULL,
  clearance_rank int  NOT NULL,
  added_at       timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  PRIMARY KEY (team_id, user_name)
);
CREATE INDEX members_user ON dossier.members(user_name);

-- The shared rows. version, marking_rank, field_versions, updated_by and updated_at are set by
-- the trigger below, never taken from the client.
CREATE TABLE dossier.rows (
  team_id        uuid NOT NULL REFERENCES dossier.teams(id),
  entity         text NOT NULL CHECK (entity IN ('source', 'fact', 'link', 'briefing')),
  id             text NOT NULL CHECK (id <> ''),
  data           jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  marking_rank   int NOT NULL,
  version        bigint NOT NULL,
  field_versions jsonb NOT NULL DEFAULT '{}',
  deleted        boolean NOT NULL DEFAULT false,
  updated_by     name NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (team_id, entity, id)
);

-- Every version of every row: who, when, what (the fact's history).
CREATE TABLE dossier.history (
  seq          bigserial PRIMARY KEY,
  team_id      uuid NOT NULL,
  entity       text NOT NULL,
  id           text NOT NULL,
  version      bigint NOT NULL,
  data         jsonb NOT NULL,
  deleted      boolean NOT NULL,
  marking_rank int NOT NULL,
  changed_by   name NOT NULL,
  changed_at   timestamptz NOT NULL,
  library_id   text
);
CREATE INDEX history_row ON dossier.history(team_id, entity, id, version);

-- What changed, for pull. xid orders by transaction: a pull only reads changes of transactions
-- older than every one still running, so a late commit is never skipped (see pull.ts).
-- Team members may read every entry of their team: it reveals that an id changed, never content.
CREATE TABLE dossier.change_log (
  seq     bigserial PRIMARY KEY,
  xid     xid8 NOT NULL DEFAULT pg_current_xact_id(),
  team_id uuid NOT NULL,
  entity  text NOT NULL,
  id      text NOT NULL
);
CREATE INDEX change_log_cursor ON dossier.change_log(team_id, xid, seq);

-- result holds conflict values: it is ranked like the row, so a lowered clearance hides it too.
CREATE TABLE dossier.applied_mutations (
  mutation_id  text PRIMARY KEY,
  user_name    name NOT NULL DEFAULT current_user,
  team_id      uuid NOT NULL,
  result       jsonb NOT NULL,
  marking_rank int NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

-- The server's record of conflicts, per user (the client keeps its own copy to resolve).
CREATE TABLE dossier.conflicts (
  seq            bigserial PRIMARY KEY,
  team_id        uuid NOT NULL,
  user_name      name NOT NULL DEFAULT current_user,
  mutation_id    text NOT NULL,
  entity         text NOT NULL,
  entity_id      text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('field', 'edited_deleted', 'deleted_edited')),
  field          text,
  mine           jsonb,
  theirs         jsonb,
  marking_rank   int NOT NULL,
  server_version bigint NOT NULL,
  by_user        name,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Stamps a row from the server's side: rank from the team's scheme, the next version, which
-- library (and user) changed each field at which version ({field: {v, lib, by}}: push's merge
-- needs it so one library's successive edits never conflict with themselves), who and when.
-- Runs as the writer (invoker), so current_user is the writer.
CREATE FUNCTION dossier.stamp_row() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, dossier AS $f$
DECLARE
  lib text := nullif(current_setting('dossier.library_id', true), '');
BEGIN
  NEW.marking_rank := dossier.marking_rank(
    (SELECT scheme FROM dossier.teams WHERE id = NEW.team_id), NEW.data->>'marking');
  NEW.updated_by := current_user;
  NEW.updated_at := now();
  IF TG_OP = 'INSERT' THEN
    NEW.version := 1;
    NEW.field_versions := coalesce(
      (SELECT jsonb_object_agg(k, jsonb_build_object('v', 1, 'lib', lib, 'by', current_user)) FROM jsonb_object_keys(NEW.data) k), '{}');
  ELSE
    IF (NEW.team_id, NEW.entity, NEW.id) IS DISTINCT FROM (OLD.team_id, OLD.entity, OLD.id) THEN
      RAISE EXCEPTION 'a shared row keeps its team, entity and id' USING ERRCODE = '42501';
    END IF;
    NEW.version := OLD.version + 1;
    NEW.field_versions := OLD.field_versions || coalesce(
      (SELECT jsonb_object_agg(k, jsonb_build_object('v', NEW.version, 'lib', lib, 'by', current_user))
         FROM (SELECT jsonb_object_keys(NEW.data) UNION SELECT jsonb_object_keys(OLD.data)) ks(k)
        WHERE NEW.data->k IS DISTINCT FROM OLD.data->k), '{}');
  END IF;
  RETURN NEW;
END
$f$;
CREATE TRIGGER rows_stamp BEFORE INSERT OR UPDATE ON dossier.rows
  FOR EACH ROW EXECUTE FUNCTION dossier.stamp_row();

-- History and change log are written here, as the owner: clients have no INSERT on them.
CREATE FUNCTION dossier.record_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
BEGIN
  INSERT INTO dossier.history (team_id, entity, id, version, data, deleted, marking_rank, changed_by, changed_at, library_id)
  VALUES (NEW.team_id, NEW.entity, NEW.id, NEW.version, NEW.data, NEW.deleted, NEW.marking_rank, NEW.updated_by,
          NEW.updated_at, nullif(current_setting('dossier.library_id', true), ''));
  INSERT INTO dossier.change_log (team_id, entity, id) VALUES (NEW.team_id, NEW.entity, NEW.id);
  RETURN NULL;
END
$f$;
CREATE TRIGGER rows_record AFTER INSERT OR UPDATE ON dossier.rows
  FOR EACH ROW EXECUTE FUNCTION dossier.record_change();

-- Row-level security. A user sees their own memberships only; everything else is decided by an
-- active membership of the row's team and the rank of the clearance held in it.
ALTER TABLE dossier.teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.history ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.change_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.applied_mutations ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.members FORCE ROW LEVEL SECURITY;
ALTER TABLE dossier.rows FORCE ROW LEVEL SECURITY;
ALTER TABLE dossier.history FORCE ROW LEVEL SECURITY;
ALTER TABLE dossier.change_log FORCE ROW LEVEL SECURITY;
ALTER TABLE dossier.conflicts FORCE ROW LEVEL SECURITY;
ALTER TABLE dossier.applied_mutations FORCE ROW LEVEL SECURITY;

CREATE POLICY own_membership ON dossier.members FOR SELECT
  USING (user_name = current_user);
CREATE POLICY member_of ON dossier.teams FOR SELECT
  USING (EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = teams.id AND m.user_name = current_user AND m.revoked_at IS NULL));

CREATE POLICY read_cleared ON dossier.rows FOR SELECT
  USING (EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = rows.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                    AND rows.marking_rank <= m.clearance_rank));
CREATE POLICY write_cleared ON dossier.rows FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM dossier.members m
                       WHERE m.team_id = rows.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                         AND m.role IN ('editor', 'admin') AND rows.marking_rank <= m.clearance_rank));
-- USING: the rows a user may aim at (those they see); WITH CHECK: an error, not a silent
-- no-op, when a reader writes or an editor raises a row above their clearance.
CREATE POLICY update_cleared ON dossier.rows FOR UPDATE
  USING (EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = rows.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                    AND rows.marking_rank <= m.clearance_rank))
  WITH CHECK (EXISTS (SELECT 1 FROM dossier.members m
                       WHERE m.team_id = rows.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                         AND m.role IN ('editor', 'admin') AND rows.marking_rank <= m.clearance_rank));

CREATE POLICY read_cleared ON dossier.history FOR SELECT
  USING (EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = history.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                    AND history.marking_rank <= m.clearance_rank));
CREATE POLICY team_ids ON dossier.change_log FOR SELECT
  USING (EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = change_log.team_id AND m.user_name = current_user AND m.revoked_at IS NULL));
CREATE POLICY own_cleared ON dossier.conflicts FOR SELECT
  USING (user_name = current_user AND EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = conflicts.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                    AND conflicts.marking_rank <= m.clearance_rank));
CREATE POLICY own_record ON dossier.conflicts FOR INSERT
  WITH CHECK (user_name = current_user AND EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = conflicts.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                    AND conflicts.marking_rank <= m.clearance_rank));
CREATE POLICY own_mutations ON dossier.applied_mutations FOR SELECT
  USING (user_name = current_user AND EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = applied_mutations.team_id AND m.user_name = current_user AND m.revoked_at IS NULL
                    AND applied_mutations.marking_rank <= m.clearance_rank));
CREATE POLICY own_record ON dossier.applied_mutations FOR INSERT
  WITH CHECK (user_name = current_user);

GRANT SELECT ON dossier.marking_levels, dossier.teams, dossier.members, dossier.rows, dossier.history,
  dossier.change_log, dossier.conflicts, dossier.applied_mutations TO dossier_user;
GRANT INSERT (team_id, entity, id, data, deleted), UPDATE (data, deleted) ON dossier.rows TO dossier_user;
GRANT INSERT ON dossier.applied_mutations, dossier.conflicts TO dossier_user;
GRANT USAGE ON SEQUENCE dossier.conflicts_seq_seq TO dossier_user;

-- Member management, for the server owner and for a team's admins. Creating LOGIN roles needs
-- CREATEROLE: these functions run as the owner who has it, after checking the caller (the
-- login, session_user: inside SECURITY DEFINER current_user is the owner).
CREATE FUNCTION dossier.caller_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
  SELECT session_user = (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'dossier')
      OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$f$;

CREATE FUNCTION dossier.check_team_admin(p_team uuid) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
BEGIN
  IF dossier.caller_is_owner() THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM dossier.members WHERE team_id = p_team AND user_name = session_user
                   AND role = 'admin' AND revoked_at IS NULL) THEN
    RAISE EXCEPTION 'only the server owner or an admin of this team manages its members' USING ERRCODE = '42501';
  END IF;
END
$f$;

-- p_verifier: a SCRAM-SHA-256 verifier made by the client, so no password crosses in clear.
CREATE FUNCTION dossier.add_member(p_team text, p_user text, p_role text, p_clearance text, p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
DECLARE
  t dossier.teams;
  lvl dossier.marking_levels;
  existing pg_roles;
BEGIN
  SELECT * INTO t FROM dossier.teams WHERE name = p_team;
  IF NOT FOUND THEN RAISE EXCEPTION 'team not found: %', p_team USING ERRCODE = 'P0002'; END IF;
  PERFORM dossier.check_team_admin(t.id);
  IF p_user !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
    RAISE EXCEPTION 'name: % is not a user name (lower-case letters, digits, _; a letter first)', p_user USING ERRCODE = '22023';
  END IF;
  IF p_role NOT IN ('reader', 'editor', 'admin') THEN
    RAISE EXCEPTION 'role: % is not reader, editor or admin', p_role USING ERRCODE = '22023';
  END IF;
  SELECT * INTO lvl FROM dossier.marking_levels WHERE scheme = t.scheme AND upper(level_id) = upper(btrim(p_clearance)) LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'clearance: % is not a level of the % scheme', p_clearance, t.scheme USING ERRCODE = '22023';
  END IF;
  -- Otherwise a team admin could make an account above their own clearance and log in with it.
  IF NOT dossier.caller_is_owner() AND lvl.rank > (SELECT clearance_rank FROM dossier.members
                                                    WHERE team_id = t.id AND user_name = session_user) THEN
    RAISE EXCEPTION 'clearance: a team admin grants at most their own clearance' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO existing FROM pg_roles WHERE rolname = p_user;
  IF NOT FOUND THEN
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE dossier_user', p_user, p_verifier);
  ELSIF existing.rolsuper OR NOT pg_has_role(p_user, 'dossier_user', 'MEMBER') THEN
    RAISE EXCEPTION 'name: % is a role of this server that is not a Dossier user', p_user USING ERRCODE = '42501';
  ELSIF dossier.caller_is_owner() THEN
    -- A team admin may add an existing user but not reset their password: they may be in other teams.
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_user, p_verifier);
  END IF;
  INSERT INTO dossier.members (team_id, user_name, role, clearance, clearance_rank)
  VALUES (t.id, p_user, p_role, lvl.level_id, lvl.rank)
  ON CONFLICT (team_id, user_name) DO UPDATE
    SET role = EXCLUDED.role, clearance = EXCLUDED.clearance, clearance_rank = EXCLUDED.clearance_rank, revoked_at = NULL;
END
$f$;

CREATE FUNCTION dossier.revoke_member(p_team text, p_user text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
DECLARE
  t_id uuid;
BEGIN
  SELECT id INTO t_id FROM dossier.teams WHERE name = p_team;
  IF NOT FOUND THEN RAISE EXCEPTION 'team not found: %', p_team USING ERRCODE = 'P0002'; END IF;
  PERFORM dossier.check_team_admin(t_id);
  UPDATE dossier.members SET revoked_at = now() WHERE team_id = t_id AND user_name = p_user AND revoked_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'member not found: % in team %', p_user, p_team USING ERRCODE = 'P0002';
  END IF;
END
$f$;

REVOKE ALL ON FUNCTION dossier.add_member(text, text, text, text, text), dossier.revoke_member(text, text),
  dossier.check_team_admin(uuid), dossier.caller_is_owner() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier.add_member(text, text, text, text, text), dossier.revoke_member(text, text),
  dossier.check_team_admin(uuid), dossier.caller_is_owner() TO dossier_user;
`;
