ALTER TYPE user_role ADD VALUE IF NOT EXISTS 'owner' BEFORE 'admin';
