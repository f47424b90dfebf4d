ALTER TABLE "comments" RENAME TO "remarks";
ALTER TABLE "public"."comments_id_seq" RENAME TO "remarks_id_seq";
ALTER INDEX "comments_pkey" RENAME TO "remarks_pkey";
ALTER INDEX "index_comments_on_post_id" RENAME TO "index_remarks_on_post_id";
