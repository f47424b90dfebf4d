package dev.lockstep.core.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds programs the way a shell does: a name with a slash is a path (relative to the folder the
 * command runs in), any other name is looked up in the PATH's folders, first match wins.
 */
public final class ProgramPath implements ProgramFinder {
  private final List<Path> dirs;
  private final Path workingDir;

  private ProgramPath(List<Path> dirs, Path workingDir) {
    this.dirs = List.copyOf(dirs);
    this.workingDir = workingDir;
  }

  /** The PATH of this process, as the programs Lockstep starts inherit it. */
  public static ProgramPath fromEnvironment() {
    return of(System.getenv().getOrDefault("PATH", ""));
  }

  /** {@code path} in the PATH variable's form: folders separated by {@code :}. */
  public static ProgramPath of(String path) {
    List<Path> dirs = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator, -1)) {
      dirs.add(Path.of(entry.isEmpty() ? "." : entry));
    }
    return new ProgramPath(dirs, Path.of("").toAbsolutePath());
  }

  /** The same PATH, with names that hold a slash resolved against {@code dir}. */
  public ProgramPath in(Path dir) {
    return new ProgramPath(dirs, dir);
  }

  public String describe() {
    return dirs.stream()
        .map(Path::toString)
        .reduce((a, b) -> a + File.pathSeparator + b)
        .orElse("");
  }

  @Override
  public Optional<Path> find(String program) {
    if (program.contains("/")) {
      Path path = workingDir.resolve(program);
      return executable(path) ? Optional.of(path) : Optional.empty();
    }
    for (Path dir : dirs) {
      Path candidate = dir.resolve(program);
      if (executable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
