ALTER TABLE notes ADD COLUMN summary text;
