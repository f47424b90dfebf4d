CREATE FUNCTION insert_recent_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notes (user_id, title, status) VALUES (NEW.user_id, NEW.title, 'inbox');
  RETURN NEW;
END
$$;
CREATE TRIGGER recent_notes_insert INSTEAD OF INSERT ON recent_notes
  FOR EACH ROW EXECUTE FUNCTION insert_recent_note();
