package dev.lockstep.schema.lint;

import dev.lockstep.schema.observe.Observation;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The findings for one migration file, in statement order.
 *
 * @param statements how many statements the file has
 * @param observations what each statement did on a scratch database, in order; empty for a static
 *     lint
 */
public record LintReport(
    List<LintFinding> findings, int statements, List<Observation> observations) {

  public LintReport {
    findings = List.copyOf(findings);
    observations = observations == null ? List.of() : List.copyOf(observations);
  }

  /** The ids of the rules that found something, sorted. */
  public SortedSet<String> ruleIds() {
    SortedSet<String> ids = new TreeSet<>();
    findings.forEach(f -> ids.add(f.rule()));
    return ids;
  }

  /** The most severe finding's severity, or null when there is none. */
  public Severity worst() {
    return findings.stream().map(LintFinding::severity).max(Enum::compareTo).orElse(null);
  }

  public boolean hasErrors() {
    return worst() == Severity.ERROR;
  }
}
