CREATE TABLE audit_log (id bigint NOT NULL, message text);
INSERT INTO audit_log VALUES (1, 'started');
