DROP FUNCTION note_count(bigint);
CREATE FUNCTION note_count(uid bigint, include_deleted boolean) RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT count(*) FROM notes WHERE user_id = uid AND (include_deleted OR deleted_at IS NULL) $$;
