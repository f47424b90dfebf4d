package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** Checks the {@code promotion} section: a shared folder, and whom this environment comes after. */
final class PromotionValidator {
  private static final String FIELD = "promotion";

  private final ProblemCollector problems;
  private final Function<String, Path> resolve;

  PromotionValidator(ProblemCollector problems, Function<String, Path> resolve) {
    this.problems = problems;
    this.resolve = resolve;
  }

  PromotionConfig validate(ConfigDocument.Promotion doc, String environment) {
    if (doc == null) {
      return null;
    }
    String shared =
        problems.require(
            doc.shared(),
            FIELD + ".shared",
            "name the folder every environment of the product records its runs in, e.g."
                + " /srv/lockstep-shared (the same folder in each environment's config).");
    String after = doc.after();
    if (after != null && (after.isBlank() || after.equals(environment))) {
      problems.add(
          FIELD + ".after",
          after.isBlank()
              ? "is empty."
              : "'" + after + "' is this environment itself (environment: " + environment + ").",
          "name the environment that must run a release first, e.g. after: staging.");
    }
    if (after == null && doc.bake() != null) {
      problems.add(
          FIELD + ".bake",
          "is set, but promotion.after names no environment to wait for.",
          "add after: staging (the environment that runs a release first), or remove bake.");
    }
    Duration bake = problems.duration(doc.bake(), FIELD + ".bake", PromotionConfig.DEFAULT_BAKE);
    return new PromotionConfig(
        shared == null ? null : resolve.apply(shared), after, after == null ? null : bake);
  }
}
