CREATE SCHEMA legacy;
CREATE TABLE legacy.old_notes (id int);
