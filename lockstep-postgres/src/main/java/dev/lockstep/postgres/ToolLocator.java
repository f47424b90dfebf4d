package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL programs where packages put them. Debian keeps server programs off the PATH (in
 * {@code /usr/lib/postgresql/<major>/bin}), so the PATH alone is not enough.
 */
final class ToolLocator {
  static final String ENV_BIN = "LOCKSTEP_PG_BIN";

  private final Map<String, String> env;
  private final Supplier<Optional<Path>> pgConfigBinDir;
  private List<Path> dirs;

  ToolLocator(Map<String, String> env, Supplier<Optional<Path>> pgConfigBinDir) {
    this.env = env;
    this.pgConfigBinDir = pgConfigBinDir;
  }

  static ToolLocator system() {
    return new ToolLocator(System.getenv(), ToolLocator::askPgConfig);
  }

  /** The folders searched, in order: the ones named first win. */
  synchronized List<Path> searchDirs() {
    if (dirs == null) {
      LinkedHashSet<Path> found = new LinkedHashSet<>();
      String bin = env.get(ENV_BIN);
      if (bin != null && !bin.isBlank()) {
        found.add(Path.of(bin));
      }
      pgConfigBinDir.get().ifPresent(found::add);
      found.addAll(versionedDirs(Path.of("/usr/lib/postgresql"), "", "bin"));
      found.addAll(versionedDirs(Path.of("/usr"), "pgsql-", "bin"));
      Stream.of("/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin")
          .map(Path::of)
          .forEach(found::add);
      String path = env.getOrDefault("PATH", "");
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          found.add(Path.of(entry));
        }
      }
      dirs = List.copyOf(found);
    }
    return dirs;
  }

  /** The program, or TOOL_MISSING saying where Lockstep looked and what to install. */
  Path find(String program, String debianPackage) {
    for (Path dir : searchDirs()) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new LockstepException(
        ErrorCode.TOOL_MISSING,
        program
            + " was not found. Looked in "
            + ENV_BIN
            + " ("
            + env.getOrDefault(ENV_BIN, "not set")
            + "), `pg_config --bindir`, /usr/lib/postgresql/<version>/bin, /usr/pgsql-*/bin,"
            + " /usr/local/pgsql/bin, /opt/homebrew/bin, /usr/local/bin and the PATH; that is: "
            + searchDirs()
            + ". Fix: install it (Debian/Ubuntu: apt-get install "
            + debianPackage
            + "; RHEL/Fedora: dnf install postgresql"
            + (debianPackage.equals("postgresql") ? "-server" : "")
            + "; macOS: brew install postgresql), or set "
            + ENV_BIN
            + " to the folder that holds "
            + program
            + ".");
  }

  /** {@code <parent>/<prefix><version>/<sub>} folders, highest version first. */
  private static List<Path> versionedDirs(Path parent, String prefix, String sub) {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    List<Path> result = new ArrayList<>();
    try (Stream<Path> children = Files.list(parent)) {
      children
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> isVersion(p.getFileName().toString().substring(prefix.length())))
          .sorted(
              Comparator.comparingDouble(
                      (Path p) ->
                          Double.parseDouble(p.getFileName().toString().substring(prefix.length())))
                  .reversed())
          .map(p -> p.resolve(sub))
          .filter(Files::isDirectory)
          .forEach(result::add);
    } catch (IOException e) {
      return List.of();
    }
    return result;
  }

  private static boolean isVersion(String text) {
    return text.matches("\\d+(\\.\\d+)?");
  }

  private static Optional<Path> askPgConfig() {
    try {
      ProcessResult result =
          ProcessRunner.standalone()
              .run(
                  ProcessSpec.of("pg_config", List.of("pg_config", "--bindir"))
                      .withDeadline(Duration.ofSeconds(10)));
      String dir = result.firstLine();
      return result.succeeded() && !dir.isEmpty() ? Optional.of(Path.of(dir)) : Optional.empty();
    } catch (RuntimeException e) {
      // No pg_config on the PATH: the other places are still searched.
      return Optional.empty();
    }
  }
}
