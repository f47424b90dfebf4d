package dev.lockstep.schema.sql;

import java.util.Set;

/**
 * The keywords PostgreSQL does not accept as a column name unless quoted (its "reserved" and
 * "reserved, can be function or type" categories, as {@code pg_get_keywords()} lists them). Any
 * other word, such as {@code key}, {@code value} or {@code name}, may name a column as it is.
 */
final class PostgresKeywords {
  private static final Set<String> NOT_A_COLUMN_NAME =
      Set.of(
          String.join(
                  " ",
                  // reserved
                  "all analyse analyze and any array as asc asymmetric both case cast check",
                  "collate column constraint create current_catalog current_date current_role",
                  "current_time current_timestamp current_user default deferrable desc distinct",
                  "do else end except false fetch for foreign from grant group having in",
                  "initially intersect into lateral leading limit localtime localtimestamp not",
                  "null offset on only or order placing primary references returning select",
                  "session_user some symmetric system_user table then to trailing true union",
                  "unique user using variadic when where window with",
                  // reserved, can be function or type
                  "authorization binary collation concurrently cross current_schema freeze full",
                  "ilike inner is isnull join left like natural notnull outer overlaps right",
                  "similar tablesample verbose")
              .split(" "));

  private PostgresKeywords() {}

  /** Whether PostgreSQL reads this unquoted word as a name where a column name is expected. */
  static boolean canNameAColumn(SqlToken token) {
    return token.kind() == SqlToken.Kind.WORD && !NOT_A_COLUMN_NAME.contains(token.value());
  }
}
