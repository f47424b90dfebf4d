-- A Rails 7 application's schema, in the DDL Active Record generates.
CREATE TABLE "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
CREATE TABLE "ar_internal_metadata" ("key" character varying NOT NULL PRIMARY KEY, "value" character varying, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE TABLE "users" ("id" bigserial primary key, "email" character varying DEFAULT '' NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");
CREATE TABLE "posts" ("id" bigserial primary key, "user_id" bigint NOT NULL, "title" character varying, "status" character varying DEFAULT 'draft', "legacy_id" integer, "published_at" timestamp(6), "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE INDEX "index_posts_on_user_id" ON "posts" ("user_id");
CREATE INDEX "index_posts_on_legacy_id" ON "posts" ("legacy_id");
ALTER TABLE "posts" ADD CONSTRAINT "fk_rails_5b5ddfd518" FOREIGN KEY ("user_id") REFERENCES "users" ("id");
CREATE TABLE "comments" ("id" bigserial primary key, "post_id" bigint NOT NULL, "body" text, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE INDEX "index_comments_on_post_id" ON "comments" ("post_id");
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_2fd19c0db7" FOREIGN KEY ("post_id") REFERENCES "posts" ("id");
INSERT INTO "schema_migrations" ("version") VALUES ('20240101000000');
INSERT INTO "users" ("email", "created_at", "updated_at") VALUES ('a@example.com', now(), now()), ('b@example.com', now(), now());
INSERT INTO "posts" ("user_id", "title", "created_at", "updated_at") VALUES (1, 'Hello', now(), now()), (2, 'World', now(), now());
INSERT INTO "comments" ("post_id", "body", "created_at", "updated_at") VALUES (1, 'Nice', now(), now());
