CREATE TABLE drafts (id bigserial PRIMARY KEY, note_id bigint REFERENCES notes (id), body varchar(10));
ALTER TABLE drafts ALTER COLUMN body TYPE text;
