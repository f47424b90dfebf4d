ALTER TABLE notes VALIDATE CONSTRAINT notes_editor_id_fkey;
