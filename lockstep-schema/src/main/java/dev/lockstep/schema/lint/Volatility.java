package dev.lockstep.schema.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Which functions in a default expression are volatile, so that PostgreSQL (11 and later) must
 * compute them for every existing row when the column is added, rewriting the table. {@code now()}
 * and other stable functions are computed once and stored in the catalog: no rewrite.
 */
final class Volatility {
  private static final Set<String> VOLATILE =
      Set.of(
          "random",
          "random_normal",
          "clock_timestamp",
          "timeofday",
          "gen_random_uuid",
          "gen_random_bytes",
          "uuid_generate_v1",
          "uuid_generate_v1mc",
          "uuid_generate_v4",
          "uuidv4",
          "uuidv7",
          "nextval",
          "setval",
          "txid_current");
  private static final Set<String> SERIAL_TYPES =
      Set.of("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");

  private Volatility() {}

  /**
   * The volatile functions {@code expression} calls; empty when it calls none (or cannot be read).
   */
  static List<String> volatileCalls(String expression) {
    Expression parsed;
    try {
      parsed = CCJSqlParserUtil.parseExpression(expression);
    } catch (JSQLParserException | RuntimeException e) {
      return List.of();
    }
    List<String> calls = new ArrayList<>();
    parsed.accept(
        new ExpressionVisitorAdapter<Void>() {
          @Override
          public <S> Void visit(Function function, S context) {
            String name = function.getName().toLowerCase(Locale.ROOT);
            String simple = name.substring(name.lastIndexOf('.') + 1);
            if (VOLATILE.contains(simple)) {
              calls.add(simple + "()");
            }
            return super.visit(function, context);
          }

          @Override
          public <S> Void visit(NextValExpression nextVal, S context) {
            calls.add("nextval()");
            return null;
          }
        },
        null);
    return calls;
  }

  static boolean isSerial(String type) {
    return type != null && SERIAL_TYPES.contains(type.toLowerCase(Locale.ROOT).trim());
  }
}
