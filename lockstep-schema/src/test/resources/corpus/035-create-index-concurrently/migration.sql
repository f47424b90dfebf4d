CREATE INDEX CONCURRENTLY notes_created_at_idx ON notes (created_at);
