CREATE TABLE note_audit (note_id bigint NOT NULL, action text NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION audit_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO note_audit (note_id, action) VALUES (NEW.id, TG_OP);
  RAISE NOTICE 'audited note %', NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER notes_audit AFTER INSERT OR UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION audit_note();
