CREATE POLICY notes_admin ON notes FOR SELECT USING (current_setting('app.role', true) = 'admin');
