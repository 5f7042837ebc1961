/**
 * Server schema version 2: stored originals travel with their shared sources (issue 16 §1).
 *
 * - A source's link to an original is a shared row like any other (entity 'original', id
 *   `${source_id}~${sha256}`, data: source_id, sha256, file_name, captured_at, marking), so it has
 *   versions, history and row-level security for free. Its rank is set here: the marking the
 *   sharing library gives the file, raised to the highest of the team's facts from its source,
 *   and it follows them: a CUI-cleared user never sees the link of a source with SECRET
 *   material. Its changes show in the change log only to whom may see it (its id names the
 *   file's hash, a fingerprint of content).
 * - The file itself is content, not a row: `dossier.originals` keeps it once per team by its
 *   SHA-256 (the bytes, and the passages the importer extracted as the JSON text the app keeps,
 *   with that text's SHA-256), uploaded once, checked against both hashes on the way in, never
 *   changed. It can be read only through a link the reader may see; a link may be made only by
 *   someone who sent the very same bytes (`original_holders`) or can read the file already:
 *   knowing a hash is not enough to fetch a file.
 * - Uploads go through `store_original`, which checks the hashes and records the holder; a
 *   file already there is not written again (content-addressed, so an upload is idempotent).
 */
export const schema002 = /* sql */ `
ALTER TABLE dossier.rows DROP CONSTRAINT rows_entity_check;
ALTER TABLE dossier.rows ADD CONSTRAINT rows_entity_check CHECK (entity IN ('source', 'fact', 'link', 'briefing', 'original'));
CREATE INDEX rows_original_sha256 ON dossier.rows (team_id, (data->>'sha256')) WHERE entity = 'original';
CREATE INDEX rows_original_source ON dossier.rows (team_id, (data->>'source_id')) WHERE entity = 'original';

CREATE TABLE dossier.originals (
  team_id     uuid NOT NULL REFERENCES dossier.teams(id),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  media_type  text NOT NULL CHECK (btrim(media_type) <> ''),
  byte_size   bigint NOT NULL CHECK (byte_size = octet_length(bytes)),
  bytes       bytea NOT NULL,
  passages    text NOT NULL,
  text_sha256 text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by name NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, sha256)
);

-- Who sent these very bytes (checked against their hash): they hold the file already.
CREATE TABLE dossier.original_holders (
  team_id   uuid NOT NULL,
  sha256    text NOT NULL,
  user_name name NOT NULL,
  PRIMARY KEY (team_id, sha256, user_name),
  FOREIGN KEY (team_id, sha256) REFERENCES dossier.originals (team_id, sha256)
);

CREATE FUNCTION dossier.original_immutable() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, dossier AS $f$
BEGIN
  RAISE EXCEPTION 'a stored original never changes: its bytes are named by their SHA-256' USING ERRCODE = '42501';
END
$f$;
CREATE TRIGGER originals_immutable BEFORE UPDATE ON dossier.originals
  FOR EACH ROW EXECUTE FUNCTION dossier.original_immutable();

ALTER TABLE dossier.originals ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.originals FORCE ROW LEVEL SECURITY;
ALTER TABLE dossier.original_holders ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.original_holders FORCE ROW LEVEL SECURITY;

-- A file is read through a link the reader may see, and only so: the rows subquery is itself
-- filtered by rows' policy (membership and clearance), so a file is exactly as secret as the
-- most open source it is attached to.
CREATE POLICY read_linked ON dossier.originals FOR SELECT
  USING (EXISTS (SELECT 1 FROM dossier.rows r
                  WHERE r.team_id = originals.team_id AND r.entity = 'original'
                    AND r.data->>'sha256' = originals.sha256 AND NOT r.deleted));
CREATE POLICY own_holdings ON dossier.original_holders FOR SELECT
  USING (user_name = current_user);

-- The change log shows a team's members every id that changed (never content); a link's id
-- names its file's SHA-256, a fingerprint of content, so a link's changes show only to whom may
-- see the link. Nobody needs to hear a hidden link is gone: its source is, and takes it along.
DROP POLICY team_ids ON dossier.change_log;
CREATE POLICY team_ids ON dossier.change_log FOR SELECT
  USING (EXISTS (SELECT 1 FROM dossier.members m
                  WHERE m.team_id = change_log.team_id AND m.user_name = current_user AND m.revoked_at IS NULL)
         AND (change_log.entity <> 'original'
              OR EXISTS (SELECT 1 FROM dossier.rows r
                          WHERE r.team_id = change_log.team_id AND r.entity = 'original' AND r.id = change_log.id)));

-- Whether the caller sent these very bytes while an active editor of the team (checked by hash).
CREATE FUNCTION dossier.holds_original(p_team uuid, p_sha256 text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
  SELECT EXISTS (SELECT 1 FROM dossier.original_holders h
                   JOIN dossier.members m ON m.team_id = h.team_id AND m.user_name = h.user_name AND m.revoked_at IS NULL
                  WHERE h.team_id = p_team AND h.sha256 = p_sha256 AND h.user_name = session_user)
$f$;
REVOKE ALL ON FUNCTION dossier.holds_original(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier.holds_original(uuid, text) TO dossier_user;

GRANT SELECT ON dossier.originals, dossier.original_holders TO dossier_user;

-- Runs as the owner (the tables take no INSERT from clients) after checking the caller, the
-- login (session_user), is an editor or admin of the team, and the hashes.
CREATE FUNCTION dossier.store_original(p_team uuid, p_sha256 text, p_media_type text, p_bytes bytea, p_passages text, p_text_sha256 text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
DECLARE
  added boolean;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dossier.members WHERE team_id = p_team AND user_name = session_user
                   AND revoked_at IS NULL AND role IN ('editor', 'admin')) THEN
    RAISE EXCEPTION 'only an editor or admin of this team uploads originals' USING ERRCODE = '42501';
  END IF;
  IF p_bytes IS NULL OR p_sha256 IS DISTINCT FROM encode(sha256(p_bytes), 'hex') THEN
    RAISE EXCEPTION 'original %: the bytes sent do not match their SHA-256', p_sha256 USING ERRCODE = '22023';
  END IF;
  IF p_passages IS NULL OR p_text_sha256 IS DISTINCT FROM encode(sha256(convert_to(p_passages, 'UTF8')), 'hex') THEN
    RAISE EXCEPTION 'original %: the text sent does not match its SHA-256', p_sha256 USING ERRCODE = '22023';
  END IF;
  INSERT INTO dossier.originals (team_id, sha256, media_type, byte_size, bytes, passages, text_sha256, uploaded_by)
  VALUES (p_team, p_sha256, p_media_type, octet_length(p_bytes), p_bytes, p_passages, p_text_sha256, session_user)
  ON CONFLICT (team_id, sha256) DO NOTHING;
  added := FOUND;
  INSERT INTO dossier.original_holders (team_id, sha256, user_name) VALUES (p_team, p_sha256, session_user)
  ON CONFLICT DO NOTHING;
  RETURN added;
END
$f$;
REVOKE ALL ON FUNCTION dossier.store_original(uuid, text, text, bytea, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier.store_original(uuid, text, text, bytea, text, text) TO dossier_user;

-- How secret a source's material is: its own rank, and the highest of the team's live facts
-- taken from it (sources carry no marking of their own today). Counted as the owner, over
-- every fact: a writer below a fact's clearance must not be able to rank a file below it.
-- A source the team does not have ranks above every level (fail closed).
CREATE FUNCTION dossier.source_rank(p_team uuid, p_source text) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dossier AS $f$
  SELECT greatest(
    coalesce((SELECT marking_rank FROM dossier.rows WHERE team_id = p_team AND entity = 'source' AND id = p_source), 1000),
    coalesce((SELECT max(marking_rank) FROM dossier.rows
               WHERE team_id = p_team AND entity = 'fact' AND NOT deleted AND data->>'source_id' = p_source), 0))
$f$;
REVOKE ALL ON FUNCTION dossier.source_rank(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier.source_rank(uuid, text) TO dossier_user;
CREATE INDEX rows_fact_source ON dossier.rows (team_id, (data->>'source_id')) WHERE entity = 'fact';

-- Version 1's stamp, and for an original's link: the id must name its source and file; the
-- rank is the higher of the marking the sharing library gave the file (the highest of every
-- fact it holds from the source, shared or not) and the source's rank on the server, so a
-- file is never ranked below what the team knows of it; and the file must be there first.
CREATE OR REPLACE FUNCTION dossier.stamp_row() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, dossier AS $f$
DECLARE
  lib text := nullif(current_setting('dossier.library_id', true), '');
BEGIN
  IF NEW.entity = 'original' THEN
    IF NEW.id IS DISTINCT FROM (NEW.data->>'source_id') || '~' || (NEW.data->>'sha256') THEN
      RAISE EXCEPTION 'original %: the id must be source_id~sha256 of its data', NEW.id USING ERRCODE = '22023';
    END IF;
    NEW.marking_rank := greatest(
      dossier.marking_rank((SELECT scheme FROM dossier.teams WHERE id = NEW.team_id), NEW.data->>'marking'),
      dossier.source_rank(NEW.team_id, NEW.data->>'source_id'));
    -- Linking a file makes it readable to whoever sees the link: only someone who sent its
    -- bytes, or can read it already, may; knowing its hash is not enough.
    IF NOT NEW.deleted AND NOT dossier.holds_original(NEW.team_id, NEW.data->>'sha256')
       AND NOT EXISTS (SELECT 1 FROM dossier.originals o WHERE o.team_id = NEW.team_id AND o.sha256 = NEW.data->>'sha256') THEN
      RAISE EXCEPTION 'original %: its file is not on the server, or not sent by you; upload it first', NEW.id USING ERRCODE = '23503';
    END IF;
  ELSE
    NEW.marking_rank := dossier.marking_rank(
      (SELECT scheme FROM dossier.teams WHERE id = NEW.team_id), NEW.data->>'marking');
  END IF;
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

-- A source's rank, or a fact's rank or source, changed: the source's originals are ranked
-- again where that changes their rank (a new version of each, so a pull hands them to whom may
-- still see them; the others find them gone when they next check their links). Runs as the
-- writer, who sees the links a change of theirs can lower or raise to their own clearance; a
-- link above it keeps its higher rank (fail closed).
CREATE FUNCTION dossier.rerank_originals() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, dossier AS $f$
DECLARE
  sources text[] := ARRAY[CASE WHEN NEW.entity = 'source' THEN NEW.id ELSE NEW.data->>'source_id' END];
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.entity = 'fact' THEN sources := sources || (OLD.data->>'source_id'); END IF;
  UPDATE dossier.rows r SET data = r.data
   WHERE r.team_id = NEW.team_id AND r.entity = 'original' AND r.data->>'source_id' = ANY(sources)
     AND r.marking_rank IS DISTINCT FROM greatest(
           dossier.marking_rank((SELECT scheme FROM dossier.teams WHERE id = r.team_id), r.data->>'marking'),
           dossier.source_rank(r.team_id, r.data->>'source_id'));
  RETURN NULL;
END
$f$;
-- Only what can change a rank: a new marked fact (a new source has no links yet), a changed
-- rank, deletion or source. A bulk share of unmarked facts pays nothing.
CREATE TRIGGER rows_rerank_originals_ai AFTER INSERT ON dossier.rows
  FOR EACH ROW WHEN (NEW.entity = 'fact' AND NEW.marking_rank > 0)
  EXECUTE FUNCTION dossier.rerank_originals();
CREATE TRIGGER rows_rerank_originals_au AFTER UPDATE ON dossier.rows
  FOR EACH ROW WHEN (NEW.entity IN ('source', 'fact')
                     AND (NEW.marking_rank IS DISTINCT FROM OLD.marking_rank OR NEW.deleted IS DISTINCT FROM OLD.deleted
                          OR NEW.data->>'source_id' IS DISTINCT FROM OLD.data->>'source_id'))
  EXECUTE FUNCTION dossier.rerank_originals();
`;
