package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Names;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;

/**
 * The columns a CHECK constraint proves NOT NULL: {@code col IS NOT NULL}, alone or joined with
 * others by {@code AND}. Once such a check is valid, PostgreSQL 12 and later take it as proof and
 * {@code SET NOT NULL} skips its scan of the table.
 */
final class NotNullChecks {
  private static final String CHECK = "CHECK ";

  private NotNullChecks() {}

  static List<String> columns(Expression expression) {
    List<String> columns = new ArrayList<>();
    collect(expression, columns);
    return columns;
  }

  /**
   * The same, from a definition as {@code pg_get_constraintdef} prints it: {@code CHECK ((body IS
   * NOT NULL))}. A definition that cannot be read proves nothing.
   */
  static List<String> columnsOfDefinition(String definition) {
    if (definition == null || !definition.startsWith(CHECK)) {
      return List.of();
    }
    try {
      return columns(CCJSqlParserUtil.parseCondExpression(definition.substring(CHECK.length())));
    } catch (JSQLParserException | RuntimeException e) {
      return List.of();
    }
  }

  private static void collect(Expression expression, List<String> columns) {
    if (expression instanceof ParenthesedExpressionList<?> parenthesised
        && parenthesised.size() == 1) {
      collect(parenthesised.get(0), columns);
    } else if (expression instanceof AndExpression and) {
      collect(and.getLeftExpression(), columns);
      collect(and.getRightExpression(), columns);
    } else if (expression instanceof IsNullExpression isNull
        && isNull.isNot()
        && isNull.getLeftExpression() instanceof Column column) {
      columns.add(Names.simple(column.getColumnName()));
    }
  }
}
