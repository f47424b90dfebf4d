ALTER TABLE notes ADD CONSTRAINT notes_editor_id_fkey FOREIGN KEY (editor_id) REFERENCES users (id) NOT VALID;
