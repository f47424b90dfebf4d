CREATE OR REPLACE FUNCTION note_count(uid bigint) RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT count(*) FROM notes WHERE user_id = uid AND deleted_at IS NULL $$;
