ALTER TABLE notes ALTER COLUMN status SET DEFAULT 'published';
