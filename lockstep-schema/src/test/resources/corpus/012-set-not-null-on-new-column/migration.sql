ALTER TABLE notes ADD COLUMN score integer;
UPDATE notes SET score = 0;
ALTER TABLE notes ALTER COLUMN score SET NOT NULL;
