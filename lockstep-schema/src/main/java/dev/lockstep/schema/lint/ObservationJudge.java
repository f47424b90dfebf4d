package dev.lockstep.schema.lint;

import dev.lockstep.schema.observe.HeldLock;
import dev.lockstep.schema.observe.Observation;
import dev.lockstep.schema.sql.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what one statement was seen doing on a scratch database into findings: it confirms (or
 * plays down) what the static rules predicted, and reports what they could not see: a rewrite no
 * rule predicted, the locks of a statement the parser could not read, a statement that fails.
 */
final class ObservationJudge {
  private static final Set<String> PREDICT_REWRITE =
      Set.of(
          LintRule.ALTER_COLUMN_TYPE.id(),
          LintRule.ADD_COLUMN_VOLATILE_DEFAULT.id(),
          LintRule.VACUUM_FULL.id(),
          LintRule.CLUSTER.id());

  private ObservationJudge() {}

  /** The statement's static findings, annotated, followed by any new ones. */
  static List<LintFinding> judge(
      ParsedStatement statement, Observation observation, List<LintFinding> staticFindings) {
    Findings added = new Findings(statement.source());
    if (observation.failed()) {
      added.add(
          LintRule.OBSERVED_FAILURE,
          "failed on the scratch database, which holds the schema it expects: "
              + observation.error());
      return concat(staticFindings, added.all());
    }
    String seen = describe(observation);
    List<LintFinding> judged = new ArrayList<>();
    boolean rewriteExplained = false;
    for (LintFinding finding : staticFindings) {
      boolean predictsRewrite = PREDICT_REWRITE.contains(finding.rule());
      rewriteExplained |= predictsRewrite;
      boolean noRewriteAfterAll =
          finding.rule().equals(LintRule.ALTER_COLUMN_TYPE.id())
              && observation.inTransaction()
              && observation.rewrittenTables().isEmpty();
      judged.add(
          noRewriteAfterAll
              ? finding.withObservation(
                  Severity.INFO,
                  seen
                      + "; no rewrite: the new type is binary-compatible with the old one, so the"
                      + " lock is only held for the catalog change")
              : finding.withObservation(finding.severity(), seen));
    }
    if (!observation.rewrittenTables().isEmpty() && !rewriteExplained) {
      added.add(
          LintRule.OBSERVED_TABLE_REWRITE,
          "rewrote " + String.join(", ", observation.rewrittenTables()) + " (" + seen + ").");
    }
    Optional<HeldLock> strongest = observation.strongestLock();
    if (!statement.parsed() && strongest.isPresent() && strongest.get().mode().blocksWrites()) {
      added.add(
          LintRule.OBSERVED_BLOCKING_LOCK,
          "held "
              + strongest.get()
              + ", which blocks writes"
              + (strongest.get().mode().blocksReads() ? " and reads" : "")
              + " for as long as the statement and its transaction run ("
              + seen
              + ").");
    }
    return concat(judged, added.all());
  }

  private static String describe(Observation observation) {
    if (!observation.inTransaction()) {
      return "observed outside a transaction in " + millis(observation) + ", locks not visible";
    }
    String locks =
        observation.locks().isEmpty()
            ? "no lock on an existing relation"
            : String.join(
                ", ",
                observation.locks().stream()
                    .sorted((a, b) -> b.mode().compareTo(a.mode()))
                    .map(HeldLock::toString)
                    .toList());
    String rewrites =
        observation.rewrittenTables().isEmpty()
            ? ""
            : "; rewrote "
                + String.join(", ", observation.rewrittenTables())
                + " (relfilenode changed)";
    return "observed: " + locks + rewrites + ", in " + millis(observation);
  }

  private static String millis(Observation observation) {
    return observation.took().toMillis() + " ms";
  }

  private static List<LintFinding> concat(List<LintFinding> first, List<LintFinding> second) {
    List<LintFinding> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
