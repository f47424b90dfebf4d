ALTER TABLE notes ADD CHECK (char_length(title) > 0) NOT VALID;
