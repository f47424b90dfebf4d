package dev.lockstep.core.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How releases go from one environment of the product to the next ("staging first"): every
 * environment records the upgrades and rollbacks it ran in a place they all share, and an
 * environment that comes after another takes a release only once that one has run it long enough.
 *
 * @param shared the folder every environment of the product records its runs in (a network share,
 *     or a folder synchronised between the machines); null when they share a database
 * @param sharedDatabase the PostgreSQL database (never the product's) every environment records its
 *     runs in; null when they share a folder
 * @param after the environment that must have run a release first, e.g. {@code staging}; null when
 *     this one takes releases directly
 * @param bake how long {@code after} must have run a release, from the end of its upgrade, before
 *     this environment takes it
 */
public record PromotionConfig(
    Path shared, DatabaseConfig sharedDatabase, String after, Duration bake) {
  /** The bake time when the config names {@code after} but no {@code bake}. */
  public static final Duration DEFAULT_BAKE = Duration.ofHours(24);

  /** The shared place as a message names it: the folder, or the database (no password). */
  public String sharedPlace() {
    return shared != null ? shared.toString() : "database " + sharedDatabase;
  }

  /** The config field to fix when the shared place cannot be read or written. */
  public String sharedField() {
    return shared != null ? "promotion.shared" : "promotion.sharedDatabase";
  }
}
