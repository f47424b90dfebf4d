ALTER TABLE "users" ADD "settings" jsonb DEFAULT '{}' NOT NULL;
