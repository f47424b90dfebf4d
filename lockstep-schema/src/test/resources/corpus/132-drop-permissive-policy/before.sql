ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON notes USING (user_id = current_setting('app.user_id', true)::bigint);
CREATE POLICY notes_admin ON notes FOR SELECT USING (current_setting('app.role', true) = 'admin');
