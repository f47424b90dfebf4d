DROP VIEW recent_notes;
CREATE VIEW recent_notes AS
  SELECT id, title FROM notes WHERE deleted_at IS NULL;
