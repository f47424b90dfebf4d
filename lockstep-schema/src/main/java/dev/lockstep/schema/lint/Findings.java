package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/** The findings for one statement, as the checks report them. */
final class Findings {
  private final SqlStatement statement;
  private final List<LintFinding> found = new ArrayList<>();

  Findings(SqlStatement statement) {
    this.statement = statement;
  }

  void add(LintRule rule, String message) {
    add(rule, message, rule.saferAlternative());
  }

  /** A finding whose safer way differs from the rule's usual one. */
  void add(LintRule rule, String message, String saferAlternative) {
    found.add(
        new LintFinding(
            rule.id(),
            rule.severity(),
            statement.index(),
            statement.line(),
            statement.text(),
            message,
            saferAlternative,
            null));
  }

  List<LintFinding> all() {
    return List.copyOf(found);
  }
}
