CREATE TABLE bookings (id serial PRIMARY KEY, during tsrange NOT NULL);
INSERT INTO bookings (during) VALUES ('[2025-01-01,2025-01-02)');
