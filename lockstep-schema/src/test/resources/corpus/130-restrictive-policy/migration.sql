CREATE POLICY notes_not_deleted ON notes AS RESTRICTIVE USING (deleted_at IS NULL);
