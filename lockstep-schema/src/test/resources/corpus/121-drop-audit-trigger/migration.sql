DROP TRIGGER notes_audit ON notes;
