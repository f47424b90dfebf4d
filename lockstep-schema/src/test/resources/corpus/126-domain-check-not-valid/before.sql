CREATE DOMAIN email_address AS text;
ALTER TABLE users ADD COLUMN contact email_address;
UPDATE users SET contact = email;
