package dev.lockstep.schema.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Puts every column {@code DEFAULT} expression in parentheses: JSqlParser reads {@code DEFAULT
 * (random() * 10)} but not {@code DEFAULT random() * 10}.
 */
final class Defaults {
  // What may follow a default in a column definition, ending the expression.
  private static final Set<String> ENDS_EXPRESSION =
      Set.of(
          "not",
          "null",
          "constraint",
          "check",
          "unique",
          "primary",
          "references",
          "generated",
          "collate");

  private Defaults() {}

  static List<SqlToken> parenthesize(List<SqlToken> tokens) {
    List<SqlToken> result = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      SqlToken token = tokens.get(i);
      result.add(token);
      i++;
      boolean isDefault =
          token.is("default") && !(result.size() > 1 && result.get(result.size() - 2).is("by"));
      if (!isDefault) {
        continue;
      }
      int end = expressionEnd(tokens, i);
      List<SqlToken> expression = tokens.subList(i, end);
      boolean wrapped =
          !expression.isEmpty()
              && expression.get(0).isSymbol("(")
              && Tokens.closing(tokens, i) == end - 1;
      if (!expression.isEmpty() && !wrapped) {
        result.add(Tokens.symbol("("));
        result.addAll(expression);
        result.add(Tokens.symbol(")"));
      } else {
        result.addAll(expression);
      }
      i = end;
    }
    return result;
  }

  private static int expressionEnd(List<SqlToken> tokens, int from) {
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (depth == 0
          && i > from
          && (token.isSymbol(",") || Tokens.closes(token) || endsExpression(token))) {
        return i;
      }
      if (depth == 0 && i == from && Tokens.closes(token)) {
        return i;
      }
      depth += Tokens.opens(token) ? 1 : Tokens.closes(token) ? -1 : 0;
      if (depth < 0) {
        return i;
      }
    }
    return tokens.size();
  }

  private static boolean endsExpression(SqlToken token) {
    return token.kind() == SqlToken.Kind.WORD && ENDS_EXPRESSION.contains(token.value());
  }
}
