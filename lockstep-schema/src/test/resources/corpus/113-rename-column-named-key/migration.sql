ALTER TABLE settings RENAME COLUMN key TO name;
