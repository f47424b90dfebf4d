CREATE FUNCTION only_admins_publish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'published'
     AND NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND role = 'admin') THEN
    RAISE EXCEPTION 'only admins publish notes';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER notes_publish_rule AFTER INSERT OR UPDATE ON notes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION only_admins_publish();
