ALTER TABLE note_audit ADD COLUMN title varchar(100);
CREATE OR REPLACE FUNCTION audit_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO note_audit (note_id, action, title) VALUES (NEW.id, TG_OP, NEW.title);
  RETURN NULL;
END
$$;
