UPDATE notes SET body = '' WHERE body IS NULL;
ALTER TABLE notes ADD CONSTRAINT notes_body_not_null CHECK (body IS NOT NULL) NOT VALID;
