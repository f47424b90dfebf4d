ALTER TABLE notes ADD COLUMN tags text;
