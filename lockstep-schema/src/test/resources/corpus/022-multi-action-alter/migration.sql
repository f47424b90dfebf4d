ALTER TABLE notes
  ADD COLUMN archived_at timestamptz,
  ADD COLUMN archived_by bigint REFERENCES users (id),
  ALTER COLUMN title SET DEFAULT 'Untitled';
