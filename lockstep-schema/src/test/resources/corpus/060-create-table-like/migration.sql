CREATE TABLE notes_archive (LIKE notes INCLUDING ALL);
