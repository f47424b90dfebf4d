CREATE INDEX IF NOT EXISTS notes_created_at_desc ON notes (created_at DESC NULLS LAST) INCLUDE (title);
