COMMENT ON COLUMN notes.body IS 'Markdown';
GRANT SELECT ON notes TO PUBLIC;
INSERT INTO tags (name) VALUES ('urgent'), ('later');
SET statement_timeout TO 0;
