package dev.lockstep.core.manifest;

import java.util.List;

/**
 * Where a product that migrates itself records its migrations.
 *
 * @param format the tool whose table it is: one of {@link #FORMATS}
 * @param table the table, optionally schema-qualified; null for the tool's default
 */
public record HistoryRef(String format, String table) {
  public static final List<String> FORMATS =
      List.of(
          "flyway",
          "liquibase",
          "rails",
          "golang-migrate",
          "prisma",
          "django",
          "drizzle",
          "lockstep");
}
