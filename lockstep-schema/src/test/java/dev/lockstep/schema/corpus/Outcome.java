package dev.lockstep.schema.corpus;

import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.lint.LintFinding;
import dev.lockstep.schema.lint.LintReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What Lockstep said about one fixture, and where it differs from what was expected. */
record Outcome(Fixture fixture, SchemaDiff diff, LintReport staticLint, LintReport observedLint) {

  boolean classCorrect() {
    return diff.type().label().equals(fixture.expected().type());
  }

  List<String> missingReasons() {
    String reasons =
        diff.changes().stream().map(SchemaChange::reason).collect(Collectors.joining("\n"));
    return fixture.expected().reasonContains().stream().filter(r -> !reasons.contains(r)).toList();
  }

  Set<String> observedRules() {
    Set<String> rules = new TreeSet<>(observedLint.ruleIds());
    rules.removeIf(rule -> !rule.startsWith("observed-"));
    return rules;
  }

  List<String> missingObservations() {
    String notes =
        observedLint.findings().stream()
            .map(f -> String.valueOf(f.observed()) + " " + f.message())
            .collect(Collectors.joining("\n"));
    return fixture.expected().observedContains().stream().filter(o -> !notes.contains(o)).toList();
  }

  boolean lintExact() {
    return staticLint.ruleIds().equals(new TreeSet<>(fixture.expected().lint()))
        && observedRules().equals(new TreeSet<>(fixture.expected().observed()))
        && missingObservations().isEmpty();
  }

  boolean correct() {
    return classCorrect() && missingReasons().isEmpty() && lintExact();
  }

  /** Everything that differs, with what Lockstep said, for a failure message. */
  String differences() {
    List<String> lines = new ArrayList<>();
    lines.add(fixture.name() + (correct() ? "" : " (MISS)"));
    Expected expected = fixture.expected();
    if (!classCorrect()) {
      lines.add("class: expected " + expected.type() + ", got " + diff.type().label());
    }
    missingReasons().forEach(r -> lines.add("no reason contains: " + r));
    if (!staticLint.ruleIds().equals(new TreeSet<>(expected.lint()))) {
      lines.add(
          "lint: expected " + new TreeSet<>(expected.lint()) + ", got " + staticLint.ruleIds());
    }
    if (!observedRules().equals(new TreeSet<>(expected.observed()))) {
      lines.add(
          "observed: expected " + new TreeSet<>(expected.observed()) + ", got " + observedRules());
    }
    missingObservations().forEach(o -> lines.add("no observation contains: " + o));
    lines.add("changes:");
    diff.changes().forEach(c -> lines.add("  " + c));
    lines.add("findings:");
    for (LintFinding f : observedLint.findings()) {
      lines.add(
          "  #"
              + f.statementIndex()
              + " "
              + f.rule()
              + ": "
              + f.message()
              + (f.observed() == null ? "" : " [" + f.observed() + "]"));
    }
    return String.join("\n", lines);
  }
}
