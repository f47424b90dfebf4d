package dev.lockstep.schema.sql;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING method]
 * (keys) …} reduced to what JSqlParser 5.3 parses: what decides the lint (unique, concurrently, the
 * table) stays; the rest ({@code INCLUDE}, {@code NULLS LAST}, a partial index's {@code WHERE},
 * storage options) goes.
 */
final class IndexShim {
  private IndexShim() {}

  static Piece createIndex(List<SqlToken> tokens) {
    Set<Clause> clauses = EnumSet.noneOf(Clause.class);
    int i = tokens.get(1).is("unique") ? 3 : 2;
    if (i < tokens.size() && tokens.get(i).is("concurrently")) {
      tokens.remove(i);
      clauses.add(Clause.CONCURRENTLY);
    }
    if (Tokens.wordsAt(tokens, i, "if", "not", "exists")) {
      tokens.subList(i, i + 3).clear();
      clauses.add(Clause.IGNORED);
    }
    if (i < tokens.size() && tokens.get(i).is("on")) {
      // JSqlParser wants a name; Postgres makes one up. The lint does not use it.
      tokens.add(i, Tokens.word("lockstep_unnamed_index"));
    }
    int on = Tokens.topLevelWord(tokens, "on", i);
    if (on < 0) {
      return Piece.of(tokens, clauses);
    }
    if (on + 1 < tokens.size() && tokens.get(on + 1).is("only")) {
      tokens.remove(on + 1);
      clauses.add(Clause.IGNORED);
    }
    int open = firstParenthesis(tokens, on);
    if (open < 0) {
      return Piece.of(tokens, clauses);
    }
    int close = Tokens.closing(tokens, open);
    if (close + 1 < tokens.size()) {
      tokens.subList(close + 1, tokens.size()).clear();
      clauses.add(Clause.IGNORED);
    }
    for (int k = close - 1; k > open; k--) {
      boolean nullsOrder =
          tokens.get(k - 1).is("nulls") && (tokens.get(k).is("first") || tokens.get(k).is("last"));
      if (nullsOrder) {
        tokens.subList(k - 1, k + 1).clear();
        clauses.add(Clause.IGNORED);
        k--;
      }
    }
    return Piece.of(tokens, clauses);
  }

  private static int firstParenthesis(List<SqlToken> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        return i;
      }
    }
    return -1;
  }
}
