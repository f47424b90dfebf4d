ALTER TABLE notes ADD CONSTRAINT notes_body_not_null CHECK (body IS NOT NULL) NOT VALID;
UPDATE notes SET body = '' WHERE body IS NULL;
ALTER TABLE notes VALIDATE CONSTRAINT notes_body_not_null;
ALTER TABLE notes ALTER COLUMN body SET NOT NULL;
ALTER TABLE notes DROP CONSTRAINT notes_body_not_null;
