package dev.lockstep.core.manifest;

import java.util.List;

/**
 * Where a product that migrates itself records its migrations.
 *
 * @param format the tool whose table it is: one of {@link #FORMATS}
 * @param table the table, optionally schema-qualified; null for the tool's default
 * @param baseline the last migration of the history from before the ones the manifest lists ({@code
 *     migrations.baseline}, or the baseline of the manifest it inherits from); null for none
 */
public record HistoryRef(String format, String table, String baseline) {

  public HistoryRef(String format, String table) {
    this(format, table, null);
  }

  public static final List<String> FORMATS =
      List.of(
          "flyway",
          "liquibase",
          "rails",
          "golang-migrate",
          "prisma",
          "django",
          "drizzle",
          "knex",
          "typeorm",
          "sequelize",
          "alembic",
          "laravel",
          "ecto",
          "ef-core",
          "goose",
          "diesel",
          "sqlx",
          "atlas",
          "dbmate",
          "sqitch",
          "lockstep");
}
