CREATE DOMAIN email_address AS text CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%');
ALTER TABLE users ADD COLUMN contact email_address;
UPDATE users SET contact = email;
