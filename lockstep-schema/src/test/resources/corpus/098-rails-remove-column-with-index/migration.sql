DROP INDEX "index_posts_on_legacy_id";
ALTER TABLE "posts" DROP COLUMN "legacy_id";
