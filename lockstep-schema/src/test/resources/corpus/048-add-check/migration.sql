ALTER TABLE notes ADD CONSTRAINT notes_views_positive CHECK (views >= 0);
