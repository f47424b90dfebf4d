-- notes 1.0.0: the notes table. word_count is filled in by the worker.
CREATE TABLE notes (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  word_count int,
  created_at timestamptz NOT NULL DEFAULT now()
);
