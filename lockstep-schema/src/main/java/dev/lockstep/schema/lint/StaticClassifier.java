package dev.lockstep.schema.lint;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.sql.ParsedStatement;
import dev.lockstep.schema.sql.SqlStatement;
import dev.lockstep.schema.sql.StatementParser;
import dev.lockstep.schema.sql.StatementPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class of a migration from its text alone. It decides only what reading can prove: contract
 * when a statement certainly breaks the previous release (an error-level finding of {@link
 * SqlLinter}), expand when every statement is known to leave that release working. Anything else (a
 * changed type, SET NOT NULL, DROP DEFAULT, a new constraint …) depends on the schema the migration
 * meets, and stays undecided until it is run ({@link MigrationLinter}).
 */
public final class StaticClassifier {
  /**
   * Error-level rules whose statement breaks the previous release whatever the schema; a dropped
   * view or function is not among them, since the same migration may recreate it compatibly.
   */
  private static final Set<String> CERTAIN_BREAKS =
      Set.of(
          LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT.id(),
          LintRule.DROP_TABLE.id(),
          LintRule.DROP_COLUMN.id(),
          LintRule.RENAME_TABLE.id(),
          LintRule.RENAME_COLUMN.id(),
          LintRule.RENAME_OBJECT.id());

  private final SqlLinter linter = new SqlLinter();

  public ReadClass classify(String sql) {
    List<ParsedStatement> statements = StatementParser.parseScript(sql);
    LintReport lint = linter.lint(statements, new ScriptState());
    if (lint.findings().stream().anyMatch(f -> CERTAIN_BREAKS.contains(f.rule()))) {
      return new ReadClass(MigrationClass.CONTRACT, List.of());
    }
    Map<Integer, String> mayBreak =
        lint.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .collect(
                Collectors.toMap(LintFinding::statementIndex, LintFinding::message, (a, b) -> a));
    List<UndecidedStatement> undecided = new ArrayList<>();
    ScriptState state = new ScriptState();
    for (ParsedStatement statement : statements) {
      Optional<String> open = firstOpenQuestion(statement, state);
      String why = mayBreak.getOrDefault(statement.source().index(), open.orElse(null));
      if (why != null) {
        SqlStatement source = statement.source();
        undecided.add(new UndecidedStatement(source.index(), source.line(), source.text(), why));
      }
    }
    return new ReadClass(undecided.isEmpty() ? MigrationClass.EXPAND : null, undecided);
  }

  private static Optional<String> firstOpenQuestion(ParsedStatement statement, ScriptState state) {
    if (!statement.parsed()) {
      statement.parts().stream()
          .filter(StatementPart::parsed)
          .forEach(part -> SqlLinter.remember(part, state));
      return Optional.of(
          "it could not be parsed ("
              + statement.error().orElse("unknown syntax")
              + "), so its class is not known without running it");
    }
    Optional<String> open = Optional.empty();
    for (StatementPart part : statement.parts()) {
      if (open.isEmpty()) {
        open = OpenQuestions.of(part, state);
      }
      SqlLinter.remember(part, state);
    }
    return open;
  }
}
