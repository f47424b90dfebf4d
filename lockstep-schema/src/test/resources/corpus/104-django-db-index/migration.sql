CREATE INDEX "shop_product_name_3b9ec5c5" ON "shop_product" ("name");
CREATE INDEX "shop_product_name_3b9ec5c5_like" ON "shop_product" ("name" varchar_pattern_ops);
