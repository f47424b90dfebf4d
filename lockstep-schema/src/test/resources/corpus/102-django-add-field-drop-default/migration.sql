BEGIN;
--
-- Add field sku to product
--
ALTER TABLE "shop_product" ADD COLUMN "sku" varchar(32) DEFAULT '' NOT NULL;
ALTER TABLE "shop_product" ALTER COLUMN "sku" DROP DEFAULT;
COMMIT;
