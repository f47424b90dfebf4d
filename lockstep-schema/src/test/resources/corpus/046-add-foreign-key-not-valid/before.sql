ALTER TABLE notes ADD COLUMN editor_id bigint;
