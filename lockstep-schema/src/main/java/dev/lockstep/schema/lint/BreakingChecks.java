package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.Names;
import dev.lockstep.schema.sql.StatementPart;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * Drops and renames of what the previous release uses: it fails the moment they run, and a rollback
 * can only restore the backup. Objects the same script created are exempt.
 */
final class BreakingChecks implements Check {

  @Override
  public void check(StatementPart part, ScriptState state, Findings findings) {
    if (part.statement() instanceof Drop drop) {
      dropped(drop, state, findings);
    } else if (part.statement() instanceof Alter alter && alter.getAlterExpressions() != null) {
      String table = Names.normalize(alter.getTable().getFullyQualifiedName());
      if (!state.isNew(table)) {
        alter.getAlterExpressions().forEach(e -> altered(table, e, findings));
      }
    } else if (part.command() != null) {
      command(part.command(), findings);
    }
  }

  private static void dropped(Drop drop, ScriptState state, Findings findings) {
    String type = drop.getType().toUpperCase(Locale.ROOT);
    boolean unqualified = type.equals("SCHEMA") || type.equals("EXTENSION");
    String printed = drop.getName().getFullyQualifiedName();
    String table = tableOf(drop);
    String name = unqualified || table != null ? Names.simple(printed) : Names.normalize(printed);
    name = table == null ? name : name + " ON " + table;
    String kind = (drop.isMaterialized() ? "MATERIALIZED " : "") + type;
    if (type.equals("TABLE") && !state.isNew(name)) {
      findings.add(
          LintRule.DROP_TABLE,
          "DROP TABLE "
              + name
              + ": the previous release still reads and writes it, and its rows are gone unless"
              + " a backup is restored.");
    } else if (!type.equals("TABLE") && !type.equals("INDEX")) {
      findings.add(
          LintRule.DROP_OBJECT,
          "DROP " + kind + " " + name + ": the previous release may still use it.");
    }
  }

  /** The table of {@code DROP POLICY p ON table} and the like, which name it by its table. */
  private static String tableOf(Drop drop) {
    List<String> parameters = drop.getParameters();
    if (parameters == null) {
      return null;
    }
    for (int i = 0; i + 1 < parameters.size(); i++) {
      if (parameters.get(i).equalsIgnoreCase("ON")) {
        return Names.normalize(parameters.get(i + 1));
      }
    }
    return null;
  }

  private static void altered(String table, AlterExpression expression, Findings findings) {
    AlterAction action = AlterAction.of(expression);
    switch (action.type()) {
      case DROP_COLUMN ->
          findings.add(
              LintRule.DROP_COLUMN,
              "DROP COLUMN "
                  + table
                  + "."
                  + action.column()
                  + ": the previous release still selects or writes it, and those queries fail.");
      case RENAME_COLUMN ->
          findings.add(
              LintRule.RENAME_COLUMN,
              "RENAME COLUMN "
                  + table
                  + "."
                  + action.column()
                  + " TO "
                  + action.newName()
                  + ": the previous release still uses the name "
                  + action.column()
                  + ", and its queries fail the moment this runs.");
      case RENAME_TABLE, SET_SCHEMA ->
          findings.add(
              LintRule.RENAME_TABLE,
              (action.type() == AlterAction.Type.SET_SCHEMA ? "SET SCHEMA " : "RENAME TO ")
                  + action.newName()
                  + " on "
                  + table
                  + ": the previous release still uses the name "
                  + table
                  + ", and its queries fail the moment this runs.");
      default -> {}
    }
  }

  private static void command(Command command, Findings findings) {
    switch (command.kind()) {
      case DROP_TYPE ->
          findings.add(
              LintRule.DROP_OBJECT,
              "DROP TYPE " + command.target() + ": the previous release may still use it.");
      case RENAME_VIEW, RENAME_FUNCTION, ALTER_TYPE_RENAME, ALTER_DOMAIN_RENAME ->
          findings.add(
              LintRule.RENAME_OBJECT,
              "renaming "
                  + command.target()
                  + " to "
                  + command.detail()
                  + ": the previous release still uses the old name.");
      case ALTER_TYPE_RENAME_VALUE ->
          findings.add(
              LintRule.RENAME_OBJECT,
              "renaming the value '"
                  + command.detail()
                  + "' of enum "
                  + command.target()
                  + ": the previous release still writes '"
                  + command.detail()
                  + "', and those writes fail.");
      default -> {}
    }
  }
}
