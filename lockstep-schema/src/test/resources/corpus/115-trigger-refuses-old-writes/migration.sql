CREATE FUNCTION require_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.summary IS NULL THEN
    RAISE EXCEPTION 'summary is required';
  END IF;
  RETURN NEW;
END
$$;
ALTER TABLE notes ADD COLUMN summary text;
UPDATE notes SET summary = title;
CREATE TRIGGER notes_require_summary BEFORE INSERT OR UPDATE ON notes
  FOR EACH ROW EXECUTE FUNCTION require_summary();
