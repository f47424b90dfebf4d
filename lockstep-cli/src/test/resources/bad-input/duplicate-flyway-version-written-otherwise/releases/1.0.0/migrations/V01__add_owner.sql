ALTER TABLE notes ADD COLUMN owner text;
