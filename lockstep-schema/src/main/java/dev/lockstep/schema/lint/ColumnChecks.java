package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Clause;
import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.Names;
import dev.lockstep.schema.sql.StatementPart;
import java.util.List;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;

/** Adding and changing columns of tables that already hold rows. */
final class ColumnChecks implements Check {

  @Override
  public void check(StatementPart part, ScriptState state, Findings findings) {
    if (part.is(Command.Kind.ALTER_DOMAIN_SET_NOT_NULL) && !state.isNew(part.command().target())) {
      findings.add(
          LintRule.SET_NOT_NULL,
          "ALTER DOMAIN "
              + part.command().target()
              + " SET NOT NULL checks every column of that type for NULLs, in every table, while"
              + " it holds a SHARE lock on each of those tables that blocks their writes; and the"
              + " previous release may still write NULL.",
          "Make each column of that type NOT NULL the safe way (a CHECK (column IS NOT NULL) NOT"
              + " VALID, validated, then SET NOT NULL), or add the domain's NOT NULL when its"
              + " columns' tables can take a pause in writes.");
      return;
    }
    if (!(part.statement() instanceof Alter alter) || alter.getAlterExpressions() == null) {
      return;
    }
    String table = Names.normalize(alter.getTable().getFullyQualifiedName());
    if (state.isNew(table)) {
      return;
    }
    for (AlterExpression expression : alter.getAlterExpressions()) {
      AlterAction action = AlterAction.of(expression);
      switch (action.type()) {
        case ADD_COLUMN -> added(table, action, state, findings);
        case ALTER_TYPE -> typeChanged(table, action, part.has(Clause.USING_EXPRESSION), findings);
        case SET_NOT_NULL -> {
          if (!state.provenNotNull(table, action.column())) {
            findings.add(
                LintRule.SET_NOT_NULL,
                "SET NOT NULL on "
                    + table
                    + "."
                    + action.column()
                    + " scans the whole table for NULLs under an ACCESS EXCLUSIVE lock, blocking"
                    + " every read and write; and the previous release may still write NULL.");
          }
        }
        default -> {}
      }
    }
  }

  private static void added(
      String table, AlterAction action, ScriptState state, Findings findings) {
    ColumnSpecs specs = action.specs();
    String column = table + "." + action.column();
    String type = action.definition().getColDataType().toString();
    boolean filled =
        specs.defaultExpression() != null || specs.identity() || specs.generatedStored();
    boolean domainRequires = !specs.notNull() && state.requiresAValue(Names.normalize(type));
    if ((specs.notNull() || domainRequires) && !filled && !Volatility.isSerial(type)) {
      findings.add(
          LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
          "ADD COLUMN "
              + column
              + (domainRequires
                  ? " of domain "
                      + Names.normalize(type)
                      + ", which refuses NULL and has no default,"
                  : " NOT NULL without a default")
              + " fails as soon as "
              + table
              + " has a row, and afterwards every insert of the previous release (which does not"
              + " know the column) fails.");
    }
    String rewriteReason = rewriteReason(type, specs);
    if (rewriteReason != null) {
      findings.add(
          LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
          "ADD COLUMN "
              + column
              + " "
              + rewriteReason
              + ", so PostgreSQL rewrites "
              + table
              + " and its indexes, computing it for every row, under an ACCESS EXCLUSIVE lock"
              + " that blocks every read and write.");
    }
  }

  /** Why adding this column computes a value for every existing row, or null if it does not. */
  private static String rewriteReason(String type, ColumnSpecs specs) {
    if (Volatility.isSerial(type)) {
      return "of type " + type + " gets its values from nextval(), a volatile default";
    }
    if (specs.identity()) {
      return "as an identity column numbers every existing row";
    }
    if (specs.generatedStored()) {
      return "as a stored generated column is computed for every existing row";
    }
    if (specs.defaultExpression() != null) {
      List<String> calls = Volatility.volatileCalls(specs.defaultExpression());
      if (!calls.isEmpty()) {
        return "has a volatile default ("
            + String.join(", ", calls)
            + " gives each row its own value)";
      }
    }
    return null;
  }

  private static void typeChanged(
      String table, AlterAction action, boolean using, Findings findings) {
    findings.add(
        LintRule.ALTER_COLUMN_TYPE,
        "ALTER COLUMN "
            + table
            + "."
            + action.column()
            + " TYPE "
            + action.definition().getColDataType()
            + (using ? " USING …" : "")
            + ": unless the new type is binary-compatible with the old one (a longer varchar,"
            + " varchar to text), PostgreSQL rewrites "
            + table
            + " and its indexes under an ACCESS EXCLUSIVE lock that blocks every read and write;"
            + " and a narrower or different type breaks the previous release's reads and writes.");
  }
}
