CREATE TABLE attachments (
  id bigserial PRIMARY KEY,
  note_id bigint NOT NULL REFERENCES notes (id),
  path text NOT NULL
);
CREATE INDEX attachments_note_id_idx ON attachments (note_id);
