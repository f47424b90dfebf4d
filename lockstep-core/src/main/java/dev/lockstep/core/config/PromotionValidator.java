package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Checks the {@code promotion} section: the place the environments share (a folder, or a PostgreSQL
 * database that is not the product's), and whom this environment comes after.
 */
final class PromotionValidator {
  private static final String FIELD = "promotion";

  private final ProblemCollector problems;
  private final SecretReader secrets;
  private final Function<String, Path> resolve;

  PromotionValidator(
      ProblemCollector problems, SecretReader secrets, Function<String, Path> resolve) {
    this.problems = problems;
    this.secrets = secrets;
    this.resolve = resolve;
  }

  /**
   * @param product the product's database, which the shared one must not be (null when the config
   *     has none, a problem already recorded)
   */
  PromotionConfig validate(
      ConfigDocument.Promotion doc, String environment, DatabaseConfig product) {
    if (doc == null) {
      return null;
    }
    Path shared = doc.shared() == null ? null : resolve.apply(doc.shared());
    DatabaseConfig database = sharedDatabase(doc, product);
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
    return new PromotionConfig(shared, database, after, after == null ? null : bake);
  }

  private DatabaseConfig sharedDatabase(ConfigDocument.Promotion doc, DatabaseConfig product) {
    if (doc.shared() == null && doc.sharedDatabase() == null) {
      problems.add(
          FIELD + ".shared",
          "is required but missing.",
          "name the folder every environment of the product records its runs in, e.g."
              + " /srv/lockstep-shared, or the database they share in promotion.sharedDatabase"
              + " (the same place in each environment's config).");
      return null;
    }
    if (doc.sharedDatabase() == null) {
      return null;
    }
    if (doc.shared() != null) {
      problems.add(
          FIELD + ".sharedDatabase",
          "is set beside promotion.shared: the environments share one place.",
          "keep one of them: the folder (shared) or the database (sharedDatabase).");
    }
    DatabaseConfig database =
        new DatabaseValidator(problems, secrets)
            .validate(doc.sharedDatabase(), FIELD + ".sharedDatabase", "the shared");
    if (product != null
        && database.host().equals(product.host())
        && database.port() == product.port()
        && database.name() != null
        && database.name().equals(product.name())) {
      problems.add(
          FIELD + ".sharedDatabase.name",
          "'"
              + database.name()
              + "' is the product's own database (database.name): restoring a backup would take"
              + " the shared runs back with it.",
          "use a database of its own for the shared runs, e.g. name: lockstep_shared (Lockstep"
              + " creates its table there).");
    }
    return database;
  }
}
