ALTER TABLE "shop_product" ALTER COLUMN "price" TYPE numeric(6, 2);
