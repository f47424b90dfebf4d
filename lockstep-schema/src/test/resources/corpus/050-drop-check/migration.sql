ALTER TABLE notes DROP CONSTRAINT notes_views_positive;
