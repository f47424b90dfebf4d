CREATE FUNCTION limit_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM notes WHERE user_id = NEW.user_id) > 1000 THEN
    RAISE EXCEPTION 'user % has too many notes', NEW.user_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER notes_limit AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION limit_notes();
