ALTER TYPE user_role RENAME VALUE 'member' TO 'user';
