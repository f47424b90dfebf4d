ALTER TABLE "posts" ADD "author_id" bigint;
CREATE INDEX "index_posts_on_author_id" ON "posts" ("author_id");
ALTER TABLE "posts" ADD CONSTRAINT "fk_rails_7a1b2c3d4e" FOREIGN KEY ("author_id") REFERENCES "users" ("id");
