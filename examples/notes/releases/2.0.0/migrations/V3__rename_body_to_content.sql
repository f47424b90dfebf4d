-- notes 2.0.0: body is renamed to content. The 1.x code reads body, so it breaks (contract).
ALTER TABLE notes RENAME COLUMN body TO content;
