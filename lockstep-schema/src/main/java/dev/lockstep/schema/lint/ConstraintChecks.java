package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Clause;
import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.Names;
import dev.lockstep.schema.sql.StatementPart;
import java.util.List;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * Constraints added to tables that hold rows: checking them, or building their index, happens under
 * a lock unless the safe two-step forms are used.
 */
final class ConstraintChecks implements Check {

  @Override
  public void check(StatementPart part, ScriptState state, Findings findings) {
    if (part.is(Command.Kind.ALTER_DOMAIN_ADD_CHECK)) {
      domainCheck(part, state, findings);
      return;
    }
    if (!(part.statement() instanceof Alter alter) || alter.getAlterExpressions() == null) {
      return;
    }
    String table = Names.normalize(alter.getTable().getFullyQualifiedName());
    boolean existing = !state.isNew(table);
    for (AlterExpression expression : alter.getAlterExpressions()) {
      AlterAction action = AlterAction.of(expression);
      switch (action.type()) {
        case ADD_CONSTRAINT -> {
          remember(table, action.constraint(), part.has(Clause.NOT_VALID), state);
          if (existing) {
            added(table, action, part.has(Clause.NOT_VALID), findings);
          }
        }
        case ADD_COLUMN -> {
          ColumnSpecs specs = action.specs();
          if (existing && (specs.unique() || specs.primaryKey())) {
            uniqueIndexUnderLock(table, findings);
          }
        }
        case VALIDATE_CONSTRAINT -> state.validated(table, action.newName());
        default -> {}
      }
    }
  }

  private static void added(String table, AlterAction action, boolean notValid, Findings findings) {
    Index constraint = action.constraint();
    AlterExpression expression = action.expression();
    if (constraint instanceof ForeignKeyIndex || expression.getFkColumns() != null) {
      if (!notValid) {
        findings.add(
            LintRule.ADD_FOREIGN_KEY_WITHOUT_NOT_VALID,
            "ADD FOREIGN KEY on "
                + table
                + " checks every existing row while it holds a SHARE ROW EXCLUSIVE lock on "
                + table
                + " and on the table it references: writes to both wait until it is done.");
      }
    } else if (constraint instanceof CheckConstraint) {
      if (!notValid) {
        findings.add(
            LintRule.ADD_CHECK_WITHOUT_NOT_VALID,
            "ADD CHECK constraint on "
                + table
                + " checks every existing row under an ACCESS EXCLUSIVE lock that blocks every"
                + " read and write until it is done.");
      }
    } else if (isKey(constraint)
        || expression.getPkColumns() != null
        || expression.getUkColumns() != null) {
      uniqueIndexUnderLock(table, findings);
    }
  }

  private static boolean isKey(Index constraint) {
    if (constraint == null || constraint.getType() == null) {
      return false;
    }
    String type = constraint.getType().toUpperCase(java.util.Locale.ROOT);
    return type.equals("UNIQUE") || type.equals("PRIMARY KEY");
  }

  private static void uniqueIndexUnderLock(String table, Findings findings) {
    findings.add(
        LintRule.ADD_UNIQUE_WITHOUT_USING_INDEX,
        "a UNIQUE or PRIMARY KEY constraint added to "
            + table
            + " builds its index while it holds an ACCESS EXCLUSIVE lock: every read and write"
            + " waits until the index is built.");
  }

  /** A {@code CHECK (column IS NOT NULL)}, remembered for a later SET NOT NULL. */
  private static void remember(
      String table, Index constraint, boolean notValid, ScriptState state) {
    if (constraint instanceof CheckConstraint check) {
      List<String> columns = NotNullChecks.columns(check.getExpression());
      if (!columns.isEmpty()) {
        state.notNullCheck(table, Names.simple(check.getName()), columns, !notValid);
      }
    }
  }

  /**
   * {@code ALTER DOMAIN … ADD CHECK}: every column of the domain's type is checked, under a SHARE
   * lock on its table; {@code VALIDATE CONSTRAINT} on a domain takes the same locks, so NOT VALID
   * only moves the scan to a time of the operator's choosing.
   */
  private static void domainCheck(StatementPart part, ScriptState state, Findings findings) {
    String domain = part.command().target();
    if (part.has(Clause.NOT_VALID) || state.isNew(domain)) {
      return;
    }
    findings.add(
        LintRule.ADD_CHECK_WITHOUT_NOT_VALID,
        "ALTER DOMAIN "
            + domain
            + " ADD CHECK checks the value of every column of that type, in every table, while it"
            + " holds a SHARE lock on each of those tables: their writes wait until it is done.",
        "ALTER DOMAIN … ADD CONSTRAINT … CHECK (…) NOT VALID (instant: new values are checked),"
            + " then VALIDATE CONSTRAINT at a quiet time: on a domain it still holds a SHARE lock"
            + " on each table with a column of that type while it checks them, so their writes"
            + " wait; or add the check as a table constraint NOT VALID to each such column and"
            + " validate those, which does not block writes.");
  }
}
