package dev.lockstep.schema.lint;

import dev.lockstep.schema.observe.Observation;
import dev.lockstep.schema.observe.StatementObserver;
import dev.lockstep.schema.observe.StatementObserver.AfterObserving;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.sql.ParsedStatement;
import dev.lockstep.schema.sql.StatementParser;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The static lint, then the migration run statement by statement on a scratch database with the
 * schema it expects, each statement observed (locks, rewrites, time) and kept, so that the next one
 * runs on its result. What was observed confirms or corrects the static findings and adds what a
 * parser cannot see. The first statement that fails ends the observation, as it would end the real
 * migration.
 */
public final class MigrationLinter {
  private final SqlLinter linter;
  private final StatementObserver observer;

  public MigrationLinter() {
    this(new SqlLinter(), new StatementObserver());
  }

  public MigrationLinter(SqlLinter linter, StatementObserver observer) {
    this.linter = linter;
    this.observer = observer;
  }

  /**
   * @param scratch a connection, in auto-commit mode, to a throwaway database that holds the schema
   *     before the migration; the migration is applied to it, and the static lint knows that schema
   */
  public LintReport lint(Connection scratch, String sql) {
    return lint(scratch, sql, SchemaReader.read(scratch));
  }

  /**
   * @param before the schema of the scratch database, as read just before, for the static lint
   */
  public LintReport lint(Connection scratch, String sql, SchemaSnapshot before) {
    List<ParsedStatement> statements = StatementParser.parseScript(sql);
    List<LintFinding> staticFindings = linter.lint(statements, ScriptState.on(before)).findings();
    List<LintFinding> findings = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    boolean stopped = false;
    for (ParsedStatement statement : statements) {
      List<LintFinding> own =
          staticFindings.stream()
              .filter(f -> f.statementIndex() == statement.source().index())
              .toList();
      // A runner's own BEGIN and COMMIT would end the observer's transaction.
      if (stopped || statement.isTransactionControl()) {
        findings.addAll(own);
        continue;
      }
      Observation observation =
          observer.observe(scratch, statement.source().text(), AfterObserving.COMMIT);
      observations.add(observation);
      findings.addAll(ObservationJudge.judge(statement, observation, own));
      stopped = observation.failed();
    }
    return new LintReport(findings, statements.size(), observations);
  }
}
