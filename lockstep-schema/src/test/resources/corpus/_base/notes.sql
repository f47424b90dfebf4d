-- The sample product "notes": users, their notes, tags. Every fixture that names this base
-- starts from it, with a few rows, as a real database would have.
CREATE TYPE user_role AS ENUM ('member', 'admin');

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  name text,
  role user_role NOT NULL DEFAULT 'member',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notes (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title varchar(100) NOT NULL,
  body text,
  status text NOT NULL DEFAULT 'draft',
  views integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX notes_user_id_idx ON notes (user_id);

CREATE TABLE tags (id serial PRIMARY KEY, name varchar(50) NOT NULL);

CREATE TABLE note_tags (
  note_id bigint NOT NULL REFERENCES notes (id),
  tag_id integer NOT NULL REFERENCES tags (id),
  PRIMARY KEY (note_id, tag_id)
);

CREATE VIEW recent_notes AS
  SELECT id, user_id, title, created_at FROM notes WHERE deleted_at IS NULL;

CREATE FUNCTION note_count(uid bigint) RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT count(*) FROM notes WHERE user_id = uid $$;

INSERT INTO users (email, name, role) VALUES
  ('ada@example.com', 'Ada', 'admin'),
  ('bob@example.com', NULL, 'member');
INSERT INTO notes (user_id, title, body) VALUES
  (1, 'first', 'hello'), (1, 'second', NULL), (2, 'third', 'x');
INSERT INTO tags (name) VALUES ('work'), ('home');
INSERT INTO note_tags VALUES (1, 1), (3, 2);
