package dev.lockstep.examples;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The compose example's images, built from what Lockstep ships on its class path: {@code
 * examples/compose/images} and {@code examples/notes/releases} are copied out into a build folder
 * laid out as in the repository, and its {@code build.sh} runs with the jars Lockstep itself runs
 * (the PostgreSQL driver, Flyway and its PostgreSQL plugin; all one jar in {@code lockstep.jar}),
 * so it needs neither the repository's pom.xml nor a Maven repository. A build whose inputs did not
 * change takes seconds; a cold one about a minute.
 */
public final class NotesImages {
  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final String PROGRESS = "  | build.sh: ";

  private NotesImages() {}

  /**
   * Builds {@code <images>/{api,worker,migrate}:<version>} of every release, handing each progress
   * line of the build to {@code progress} as it comes.
   *
   * @throws LockstepException when the build fails, with its last output
   */
  public static void build(String images, Consumer<String> progress) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("lockstep-images-");
      ShippedFiles.copy("examples/compose/images", folder.resolve("examples/compose/images"));
      ShippedFiles.copy("examples/notes/releases", folder.resolve("examples/notes/releases"));
      Path script = folder.resolve("examples/compose/images/build.sh");
      for (Path executable : List.of(script, script.resolveSibling("base.sh"))) {
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Path log = folder.resolve("build.log");
      LogFollower follower =
          new LogFollower(
              log,
              line -> {
                if (line.startsWith(PROGRESS)) {
                  progress.accept(line.substring(PROGRESS.length()));
                }
              });
      ProcessResult result =
          ProcessRunner.standalone()
              .run(
                  ProcessSpec.of("build.sh", argv(script, images))
                      .in(folder)
                      .withDeadline(DEADLINE)
                      .withMergedErrors()
                      .loggedTo(log)
                      .keepingLines(20)
                      .every(Duration.ofMillis(250), follower));
      follower.run();
      if (!result.succeeded()) {
        throw new LockstepException(
            ErrorCode.TARGET_FAILED,
            "the sample product's images could not be built (examples/compose/images/build.sh): "
                + result.describeFailure());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the images' build folder", e);
    } finally {
      if (folder != null) {
        ShippedFiles.delete(folder);
      }
    }
  }

  private static List<String> argv(Path script, String images) {
    List<String> argv = new ArrayList<>(List.of(script.toString()));
    argv.addAll(List.of("--jdbc-driver", CodeLocation.of(org.postgresql.Driver.class).toString()));
    // Flyway core first: the migrate one-shot is compiled against it alone.
    Set<Path> flyway =
        new LinkedHashSet<>(
            List.of(
                CodeLocation.of(org.flywaydb.core.Flyway.class),
                CodeLocation.of(org.flywaydb.database.postgresql.PostgreSQLDatabaseType.class)));
    flyway.forEach(jar -> argv.addAll(List.of("--flyway-jar", jar.toString())));
    argv.addAll(List.of("--images", images));
    return argv;
  }
}
