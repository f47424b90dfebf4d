package dev.lockstep.schema.lint;

/**
 * One problem with one statement of a migration.
 *
 * @param rule a stable id, such as {@code create-index-not-concurrently} (see {@link LintRule})
 * @param statementIndex the statement's position in the file, from 1
 * @param line the line the statement starts on, from 1
 * @param statement the statement as written
 * @param message what the statement does and why that is a problem
 * @param saferAlternative how to get the same result without the problem
 * @param observed what running the statement on a scratch database showed, or null when it was not
 *     observed
 */
public record LintFinding(
    String rule,
    Severity severity,
    int statementIndex,
    int line,
    String statement,
    String message,
    String saferAlternative,
    String observed) {

  LintFinding withObservation(Severity newSeverity, String observation) {
    return new LintFinding(
        rule, newSeverity, statementIndex, line, statement, message, saferAlternative, observation);
  }
}
