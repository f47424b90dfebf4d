package dev.lockstep.examples;

import dev.lockstep.postgres.ThrowawayPostgres;

/**
 * The compose example deployed for a test ({@link ComposeDeployment}), on the images that the
 * repository's {@code images/build.sh} builds once per test JVM ({@link ComposeImages}).
 */
public final class ComposeSample {
  private ComposeSample() {}

  /**
   * Role, database and compose project {@code name} (dashes for underscores); see {@link
   * ComposeDeployment}.
   */
  public static ComposeDeployment create(ThrowawayPostgres postgres, String name) {
    ComposeImages.build();
    return ComposeDeployment.create(postgres, name, false, ComposeDeployment.IMAGES);
  }
}
