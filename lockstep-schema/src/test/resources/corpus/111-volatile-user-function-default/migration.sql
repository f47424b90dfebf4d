CREATE FUNCTION random_slug() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
ALTER TABLE notes ADD COLUMN slug text DEFAULT random_slug();
