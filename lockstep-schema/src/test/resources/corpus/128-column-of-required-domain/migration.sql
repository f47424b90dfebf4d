CREATE DOMAIN priority AS smallint NOT NULL CHECK (VALUE BETWEEN 0 AND 5);
ALTER TABLE reminders ADD COLUMN priority priority;
