ALTER TABLE users ALTER COLUMN name SET DATA TYPE varchar(80) USING substr(name, 1, 80);
