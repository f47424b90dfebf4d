DROP POLICY notes_admin ON notes;
