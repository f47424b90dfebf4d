package dev.lockstep.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The sample product's container images ({@code examples/compose/images/build.sh}), built once per
 * test JVM: a build whose inputs did not change takes seconds, a cold one about a minute. Fails
 * with what to run when the container engine is missing, rather than skipping: CI installs it.
 */
final class ComposeImages {
  static final Path EXAMPLE = Path.of("..", "examples", "compose").toAbsolutePath().normalize();

  private static boolean built;

  private ComposeImages() {}

  static synchronized void build() {
    if (built) {
      return;
    }
    try {
      Process build =
          new ProcessBuilder(EXAMPLE.resolve("images/build.sh").toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
        build.destroyForcibly();
        throw new IllegalStateException(
            "the sample's images could not be built (examples/compose/images/build.sh); the"
                + " compose tests need Podman and Docker Compose v2: run .ci/containers.sh as"
                + " root.\n"
                + output);
      }
      built = true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run examples/compose/images/build.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the sample's images", e);
    }
  }
}
