ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON notes USING (user_id = current_setting('app.user_id', true)::bigint);
