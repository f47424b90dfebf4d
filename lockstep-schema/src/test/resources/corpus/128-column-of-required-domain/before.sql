CREATE TABLE reminders (id bigserial PRIMARY KEY, note_id bigint NOT NULL REFERENCES notes (id), due timestamptz NOT NULL);
