ALTER TABLE notes ADD COLUMN content text;
UPDATE notes SET content = body;
