package dev.lockstep.schema.sql;

import dev.lockstep.schema.sql.Command.Kind;
import java.util.List;
import java.util.Optional;

/**
 * Recognises, by their leading keywords, the commands JSqlParser 5.3 cannot parse but whose meaning
 * for the lint lies entirely in those keywords. Anything else is left to JSqlParser, and what it
 * cannot parse either is reported as such.
 */
final class CommandRecognizer {
  private CommandRecognizer() {}

  static Optional<Command> recognize(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    if (statement.startsWith("begin")
        || statement.startsWith("start", "transaction")
        || statement.startsWith("commit")
        || statement.startsWith("end")
        || statement.startsWith("rollback")
        || statement.startsWith("abort")
        || statement.startsWith("savepoint")
        || statement.startsWith("release")) {
      return command(Kind.TRANSACTION_CONTROL, null, null);
    }
    if (statement.startsWith("set") || statement.startsWith("reset")) {
      return command(Kind.SESSION_SETTING, null, null);
    }
    if (statement.startsWith("vacuum")) {
      return vacuum(t);
    }
    if (statement.startsWith("cluster")) {
      return command(Kind.CLUSTER, afterWords(t, 1).name(), null);
    }
    if (statement.startsWith("lock")) {
      return lock(t);
    }
    if (statement.startsWith("reindex")) {
      return reindex(t);
    }
    if (statement.startsWith("create", "type")) {
      return command(Kind.CREATE_TYPE, Names.read(t, 2).name(), null);
    }
    if (statement.startsWith("create", "domain")) {
      return command(Kind.CREATE_DOMAIN, Names.read(t, 2).name(), requiresAValue(t));
    }
    if (statement.startsWith("alter", "type")) {
      return alterType(t);
    }
    if (statement.startsWith("drop", "type")) {
      return command(Kind.DROP_TYPE, afterWords(t, 2).name(), null);
    }
    if (statement.startsWith("create", "schema")) {
      // JSqlParser takes common schema names (archive, …) for keywords.
      return command(Kind.CREATE_SCHEMA, afterWords(t, 2).name(), null);
    }
    if (statement.startsWith("create", "extension")) {
      return command(Kind.CREATE_EXTENSION, afterWords(t, 2).name(), null);
    }
    if (statement.startsWith("alter", "sequence")) {
      return command(Kind.ALTER_SEQUENCE, afterWords(t, 2).name(), null);
    }
    return renames(statement).or(() -> partitionOf(statement));
  }

  /**
   * {@code NOT NULL} when the domain of {@code CREATE DOMAIN} refuses NULL and has no default, so
   * that an insert that leaves a column of it out fails; else null.
   */
  private static String requiresAValue(List<SqlToken> t) {
    boolean notNull = false;
    int not = Tokens.topLevelWord(t, "not", 0);
    while (not >= 0) {
      notNull |= Tokens.wordsAt(t, not, "not", "null");
      not = Tokens.topLevelWord(t, "not", not + 1);
    }
    boolean hasDefault = Tokens.topLevelWord(t, "default", 0) >= 0;
    return notNull && !hasDefault ? "NOT NULL" : null;
  }

  /** {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table]} or {@code VACUUM (options)}. */
  private static Optional<Command> vacuum(List<SqlToken> t) {
    boolean full = false;
    int i = 1;
    if (i < t.size() && t.get(i).isSymbol("(")) {
      for (i++; i < t.size() && !t.get(i).isSymbol(")"); i++) {
        boolean off = i + 1 < t.size() && (t.get(i + 1).is("false") || t.get(i + 1).is("off"));
        full |= t.get(i).is("full") && !off;
      }
      i++;
    }
    while (i < t.size()
        && (t.get(i).is("full")
            || t.get(i).is("freeze")
            || t.get(i).is("verbose")
            || t.get(i).is("analyze"))) {
      full |= t.get(i).is("full");
      i++;
    }
    return command(full ? Kind.VACUUM_FULL : Kind.VACUUM, Names.read(t, i).name(), null);
  }

  private static Optional<Command> lock(List<SqlToken> t) {
    Names.Read table = afterWords(t, t.size() > 1 && t.get(1).is("table") ? 2 : 1);
    StringBuilder mode = new StringBuilder();
    for (int i = table.next(); i < t.size(); i++) {
      if (t.get(i).is("in")) {
        for (int j = i + 1; j < t.size() && !t.get(j).is("mode"); j++) {
          mode.append(mode.length() == 0 ? "" : " ")
              .append(t.get(j).value().toUpperCase(java.util.Locale.ROOT));
        }
      }
    }
    return command(
        Kind.LOCK_TABLE, table.name(), mode.length() == 0 ? "ACCESS EXCLUSIVE" : mode.toString());
  }

  private static Optional<Command> reindex(List<SqlToken> t) {
    int i = 1;
    if (i < t.size() && t.get(i).isSymbol("(")) {
      while (i < t.size() && !t.get(i).isSymbol(")")) {
        i++;
      }
      i++;
    }
    String what = i < t.size() ? t.get(i).value() : "";
    boolean concurrently = i + 1 < t.size() && t.get(i + 1).is("concurrently");
    Names.Read target = Names.read(t, i + (concurrently ? 2 : 1));
    return command(concurrently ? Kind.REINDEX_CONCURRENTLY : Kind.REINDEX, target.name(), what);
  }

  private static Optional<Command> alterType(List<SqlToken> t) {
    Names.Read type = Names.read(t, 2);
    int i = type.next();
    if (i + 1 < t.size() && t.get(i).is("add") && t.get(i + 1).is("value")) {
      SqlToken label = firstString(t, i + 2);
      return command(Kind.ALTER_TYPE_ADD_VALUE, type.name(), label == null ? null : label.value());
    }
    if (i + 1 < t.size() && t.get(i).is("rename") && t.get(i + 1).is("value")) {
      SqlToken label = firstString(t, i + 2);
      return command(
          Kind.ALTER_TYPE_RENAME_VALUE, type.name(), label == null ? null : label.value());
    }
    if (i + 2 < t.size() && t.get(i).is("rename") && t.get(i + 1).is("to")) {
      return command(Kind.ALTER_TYPE_RENAME, type.name(), t.get(i + 2).value());
    }
    return Optional.empty();
  }

  /** {@code ALTER VIEW | MATERIALIZED VIEW | FUNCTION | PROCEDURE | INDEX … RENAME …}. */
  private static Optional<Command> renames(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    Kind kind;
    int nameAt;
    if (statement.startsWith("alter", "view")) {
      kind = Kind.RENAME_VIEW;
      nameAt = 2;
    } else if (statement.startsWith("alter", "materialized", "view")) {
      kind = Kind.RENAME_VIEW;
      nameAt = 3;
    } else if (statement.startsWith("alter", "function")
        || statement.startsWith("alter", "procedure")) {
      kind = Kind.RENAME_FUNCTION;
      nameAt = 2;
    } else if (statement.startsWith("alter", "index")) {
      kind = Kind.RENAME_INDEX;
      nameAt = 2;
    } else {
      return Optional.empty();
    }
    Names.Read name = afterWords(t, nameAt);
    for (int i = name.next(); i + 1 < t.size(); i++) {
      if (t.get(i).is("rename")) {
        return command(kind, name.name(), t.get(t.size() - 1).value());
      }
    }
    return Optional.empty();
  }

  /** {@code CREATE TABLE … PARTITION OF parent …}: a new table, JSqlParser does not know it. */
  private static Optional<Command> partitionOf(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    if (!statement.startsWith("create", "table")) {
      return Optional.empty();
    }
    Names.Read table = afterWords(t, 2);
    if (table.next() + 1 < t.size()
        && t.get(table.next()).is("partition")
        && t.get(table.next() + 1).is("of")) {
      return command(Kind.CREATE_PARTITION, table.name(), Names.read(t, table.next() + 2).name());
    }
    return Optional.empty();
  }

  /** The name after {@code from}, skipping {@code IF [NOT] EXISTS} and {@code ONLY}. */
  private static Names.Read afterWords(List<SqlToken> t, int from) {
    int i = from;
    while (i < t.size()
        && (t.get(i).is("if")
            || t.get(i).is("not")
            || t.get(i).is("exists")
            || t.get(i).is("only"))) {
      i++;
    }
    return Names.read(t, i);
  }

  private static SqlToken firstString(List<SqlToken> t, int from) {
    for (int i = from; i < t.size(); i++) {
      if (t.get(i).kind() == SqlToken.Kind.STRING) {
        return t.get(i);
      }
    }
    return null;
  }

  private static Optional<Command> command(Kind kind, String target, String detail) {
    return Optional.of(new Command(kind, target, detail));
  }
}
