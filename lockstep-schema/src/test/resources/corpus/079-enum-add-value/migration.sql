ALTER TYPE user_role ADD VALUE 'guest';
