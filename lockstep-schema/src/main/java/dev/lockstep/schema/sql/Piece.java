package dev.lockstep.schema.sql;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A statement, or one action of it, made ready for JSqlParser: either tokens for it to parse, or a
 * command recognised by its keywords. {@code ALTER TABLE t a, b} becomes one piece per action,
 * {@code DROP TABLE a, b} one per table, so that what JSqlParser cannot parse stays small.
 */
record Piece(List<SqlToken> tokens, Set<Clause> clauses, Command command) {

  Piece {
    tokens = List.copyOf(tokens);
    clauses = clauses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(clauses));
  }

  static Piece of(List<SqlToken> tokens, Set<Clause> clauses) {
    return new Piece(tokens, clauses, null);
  }
}
