package dev.lockstep.examples;

import dev.lockstep.postgres.ThrowawayPostgres;
import java.nio.file.Path;

/**
 * Sample deployments for tests: the demo's, except that their services start from classes compiled
 * once per test JVM ({@link CompiledServices}) rather than from source at every start.
 */
public final class TestSamples {
  private TestSamples() {}

  /** As {@link SampleDeployment#create(ThrowawayPostgres, String, boolean)}. */
  public static SampleDeployment create(
      ThrowawayPostgres postgres, String name, boolean keepFolder) {
    CompiledServices services = CompiledServices.shared();
    SampleDeployment sample =
        SampleDeployment.create(postgres, name, keepFolder, services.environment());
    compileReleases(sample);
    return sample;
  }

  /** Compiles the services of releases a test wrote into {@code sample}'s catalog after it. */
  public static void compileReleases(SampleDeployment sample) {
    CompiledServices.shared()
        .compileAll(
            sample.folder().resolve("releases"), Path.of(sample.environment().get("JDBC_DRIVER")));
  }
}
