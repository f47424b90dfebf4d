package dev.lockstep.schema.sql;

import dev.lockstep.schema.sql.Command.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Adapts PostgreSQL statements to what JSqlParser 5.3 parses, at the level of tokens: it takes out
 * the Postgres clauses it rejects (remembering those that matter, see {@link Clause}) and cuts
 * statements with several actions or names into pieces. It never guesses at meaning: a piece that
 * JSqlParser still cannot parse is reported as not parsed.
 */
final class DialectShim {
  private DialectShim() {}

  static List<Piece> pieces(SqlStatement statement) {
    List<SqlToken> tokens = new ArrayList<>(statement.tokens());
    if (statement.startsWith("create", "index")
        || statement.startsWith("create", "unique", "index")) {
      return List.of(IndexShim.createIndex(tokens));
    }
    if (statement.startsWith("alter", "table")) {
      return AlterTableShim.actions(tokens);
    }
    if (statement.startsWith("drop")) {
      return drop(tokens);
    }
    if (statement.startsWith("alter", "domain")) {
      return List.of(alterDomain(tokens));
    }
    if (statement.startsWith("create", "table")
        || statement.startsWith("create", "unlogged", "table")) {
      return List.of(createTable(tokens));
    }
    return List.of(Piece.of(tokens, Set.of()));
  }

  /** {@code DROP kind [CONCURRENTLY] [IF EXISTS] a, b [CASCADE]}: one piece per name. */
  private static List<Piece> drop(List<SqlToken> tokens) {
    Set<Clause> clauses = EnumSet.noneOf(Clause.class);
    int i = tokens.size() > 2 && tokens.get(1).is("materialized") ? 3 : 2;
    if (i < tokens.size() && tokens.get(i).is("concurrently")) {
      tokens.remove(i);
      clauses.add(Clause.CONCURRENTLY);
    }
    if (Tokens.wordsAt(tokens, i, "if", "exists")) {
      i += 2;
    }
    int end = tokens.size();
    if (end > i && (tokens.get(end - 1).is("cascade") || tokens.get(end - 1).is("restrict"))) {
      end--;
    }
    List<SqlToken> prefix = tokens.subList(0, i);
    List<SqlToken> suffix = tokens.subList(end, tokens.size());
    List<Piece> pieces = new ArrayList<>();
    for (List<SqlToken> name : Tokens.splitTopLevel(tokens.subList(i, end))) {
      List<SqlToken> piece = new ArrayList<>(prefix);
      piece.addAll(name);
      piece.addAll(suffix);
      pieces.add(Piece.of(piece, clauses));
    }
    return pieces;
  }

  /**
   * {@code ALTER DOMAIN name ADD [CONSTRAINT c] CHECK (…) [NOT VALID]}, {@code … SET NOT NULL} and
   * {@code … RENAME TO n}: JSqlParser knows no {@code ALTER DOMAIN}, and what decides the lint is
   * in these words. Other forms go to JSqlParser, which reports them as not parsed.
   */
  private static Piece alterDomain(List<SqlToken> tokens) {
    Names.Read domain = Names.read(tokens, 2);
    int i = domain.next();
    if (i < tokens.size()
        && tokens.get(i).is("add")
        && Tokens.topLevelWord(tokens, "check", i) > 0) {
      Set<Clause> clauses = EnumSet.noneOf(Clause.class);
      if (Tokens.wordsAt(tokens, tokens.size() - 2, "not", "valid")) {
        clauses.add(Clause.NOT_VALID);
      }
      String constraint =
          Tokens.wordsAt(tokens, i + 1, "constraint") && i + 2 < tokens.size()
              ? tokens.get(i + 2).value()
              : null;
      return new Piece(
          tokens, clauses, new Command(Kind.ALTER_DOMAIN_ADD_CHECK, domain.name(), constraint));
    }
    if (Tokens.wordsAt(tokens, i, "set", "not", "null")) {
      return new Piece(
          tokens, Set.of(), new Command(Kind.ALTER_DOMAIN_SET_NOT_NULL, domain.name(), null));
    }
    if (Tokens.wordsAt(tokens, i, "rename", "to") && i + 2 < tokens.size()) {
      return new Piece(
          tokens,
          Set.of(),
          new Command(Kind.ALTER_DOMAIN_RENAME, domain.name(), tokens.get(i + 2).value()));
    }
    return Piece.of(tokens, Set.of());
  }

  /** Takes out {@code PARTITION BY …}, which JSqlParser only knows for some strategies. */
  private static Piece createTable(List<SqlToken> tokens) {
    Set<Clause> clauses = EnumSet.noneOf(Clause.class);
    int partition = Tokens.topLevelWord(tokens, "partition", 0);
    if (partition > 0 && Tokens.wordsAt(tokens, partition, "partition", "by")) {
      tokens.subList(partition, tokens.size()).clear();
      clauses.add(Clause.PARTITIONED);
    }
    return Piece.of(Defaults.parenthesize(tokens), clauses);
  }
}
