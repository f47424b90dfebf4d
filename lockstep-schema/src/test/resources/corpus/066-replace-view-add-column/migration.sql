CREATE OR REPLACE VIEW recent_notes AS
  SELECT id, user_id, title, created_at, status FROM notes WHERE deleted_at IS NULL;
