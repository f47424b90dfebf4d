package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.util.List;
import java.util.Locale;

/** Checks the {@code drift} section: object patterns to ignore and the scope of what is judged. */
final class DriftValidator {
  private final ProblemCollector problems;

  DriftValidator(ProblemCollector problems) {
    this.problems = problems;
  }

  DriftConfig validate(ConfigDocument.Drift doc) {
    if (doc == null) {
      return DriftConfig.everything();
    }
    List<String> ignore = doc.ignore() == null ? List.of() : doc.ignore();
    for (int i = 0; i < ignore.size(); i++) {
      String pattern = ignore.get(i);
      if (pattern == null || pattern.isBlank()) {
        problems.add(
            "drift.ignore[" + i + "]",
            "is empty.",
            "name a schema (cms), a table (public.entries) or a pattern (public.cms_*).");
      }
    }
    return new DriftConfig(
        ignore.stream().filter(p -> p != null && !p.isBlank()).toList(), scope(doc.scope()));
  }

  private DriftConfig.Scope scope(String scope) {
    if (scope == null) {
      return DriftConfig.Scope.ALL;
    }
    try {
      return DriftConfig.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          "drift.scope",
          "'" + scope + "' is not a scope.",
          "use all (every change is drift) or owned (only changes to objects the recorded schema"
              + " has).");
      return DriftConfig.Scope.ALL;
    }
  }
}
