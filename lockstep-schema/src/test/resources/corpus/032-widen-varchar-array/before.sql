ALTER TABLE notes ADD COLUMN labels varchar(20)[];
