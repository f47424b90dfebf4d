CREATE UNIQUE INDEX CONCURRENTLY users_lower_email_idx ON users (lower(email));
