package dev.lockstep.schema.lint;

import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.Names;
import dev.lockstep.schema.sql.ParsedStatement;
import dev.lockstep.schema.sql.StatementParser;
import dev.lockstep.schema.sql.StatementPart;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;

/**
 * Lints a migration file without running it: statements that take long exclusive locks or rewrite
 * tables on PostgreSQL, and changes that break the previous release, each with the safer way to do
 * it. Statements are parsed with JSqlParser; one it cannot parse is reported as such, and {@link
 * MigrationLinter} can observe what it does on a scratch database.
 */
public final class SqlLinter {
  private final List<Check> checks =
      List.of(
          new IndexChecks(),
          new ColumnChecks(),
          new ConstraintChecks(),
          new BreakingChecks(),
          new MaintenanceChecks());

  /** Lints a whole migration file, knowing nothing of the schema it will run on. */
  public LintReport lint(String sql) {
    return lint(StatementParser.parseScript(sql), new ScriptState());
  }

  /**
   * Lints a whole migration file that will run on the schema {@code before} (a snapshot recorded
   * after the last migration, or read from a scratch copy): what that schema already guarantees
   * spares a finding, such as a {@code SET NOT NULL} on a column that a validated {@code CHECK
   * (column IS NOT NULL)} from an earlier migration already proves, which PostgreSQL 12 and later
   * do without a scan.
   */
  public LintReport lint(String sql, SchemaSnapshot before) {
    return lint(StatementParser.parseScript(sql), ScriptState.on(before));
  }

  LintReport lint(List<ParsedStatement> statements, ScriptState state) {
    List<LintFinding> findings = new ArrayList<>();
    for (ParsedStatement statement : statements) {
      Findings found = new Findings(statement.source());
      statement
          .error()
          .ifPresent(
              error ->
                  found.add(
                      LintRule.UNPARSED_STATEMENT,
                      "could not be parsed (" + error + "), so it was not linted."));
      for (StatementPart part : statement.parts()) {
        if (part.parsed()) {
          checks.forEach(check -> check.check(part, state, found));
          remember(part, state);
        }
      }
      findings.addAll(found.all());
    }
    return new LintReport(findings, statements.size(), List.of());
  }

  /**
   * Tables, views and domains the script creates (and renames it gives tables): no release uses
   * them yet; and which of those domains refuse NULL without a default.
   */
  static void remember(StatementPart part, ScriptState state) {
    if (part.statement() instanceof CreateTable create) {
      state.created(Names.normalize(create.getTable().getFullyQualifiedName()));
    } else if (part.statement() instanceof CreateView view) {
      state.created(Names.normalize(view.getView().getFullyQualifiedName()));
    } else if (part.is(Command.Kind.CREATE_PARTITION) || part.is(Command.Kind.CREATE_DOMAIN)) {
      state.created(part.command().target());
      if (part.is(Command.Kind.CREATE_DOMAIN) && part.command().detail() != null) {
        state.domainRequiringAValue(part.command().target());
      }
    } else if (part.statement() instanceof Alter alter && alter.getAlterExpressions() != null) {
      String table = Names.normalize(alter.getTable().getFullyQualifiedName());
      for (AlterExpression expression : alter.getAlterExpressions()) {
        AlterAction action = AlterAction.of(expression);
        if (action.type() == AlterAction.Type.RENAME_TABLE) {
          state.renamed(table, table.substring(0, table.indexOf('.') + 1) + action.newName());
        }
      }
    }
  }
}
