ALTER TABLE notes ALTER COLUMN labels TYPE varchar(40)[];
