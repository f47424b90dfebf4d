CREATE TABLE reminders (
  id bigserial PRIMARY KEY,
  note_id bigint NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  remind_at timestamptz NOT NULL
);
