package dev.lockstep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The class-data archive the {@code lockstep} launcher keeps next to the jar, kept here for the jar
 * tests: the first run that exits writes it, every later run maps it instead of loading and
 * verifying Lockstep's classes again. One per test JVM, in a temporary folder deleted at its exit.
 *
 * <p>Only one run at a time writes one, each to a file of its own that is moved into place once
 * complete: a JVM maps the archive, so it must never change under a running one. A run killed
 * before it exits writes none; the next run tries again.
 */
final class ClassDataArchive {
  private static final ClassDataArchive SHARED = create();

  /** The launcher's options that keep the JVM quiet about the archive, whatever happens to it. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private final Path folder;
  private final Path archive;
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();

  private ClassDataArchive(Path folder) {
    this.folder = folder;
    this.archive = folder.resolve("lockstep.jsa");
  }

  static ClassDataArchive shared() {
    return SHARED;
  }

  /** The JVM options for the next run, and what to do once it has exited. */
  Use next() {
    if (Files.isRegularFile(archive)) {
      return new Use(concat("-XX:SharedArchiveFile=" + archive), () -> {});
    }
    if (!writing.compareAndSet(false, true)) {
      return new Use(List.of(), () -> {});
    }
    Path written = folder.resolve("lockstep.jsa." + attempts.incrementAndGet());
    return new Use(
        concat("-XX:ArchiveClassesAtExit=" + written),
        () -> {
          try {
            if (Files.isRegularFile(written)) {
              Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
            }
          } catch (IOException e) {
            // No archive: later runs start the slower way, and one of them writes it again.
          } finally {
            writing.set(false);
          }
        });
  }

  /** JVM options, and what to run when the process they were given to has exited. */
  record Use(List<String> options, Runnable afterExit) {}

  private static List<String> concat(String option) {
    return Stream.concat(Stream.of(option), QUIET.stream()).toList();
  }

  private static ClassDataArchive create() {
    try {
      // Not "lockstep-…": DemoIT checks that the demo leaves no such folder behind.
      Path folder = Files.createTempDirectory("jar-tests-cds-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
      return new ClassDataArchive(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is not worth failing for.
    }
  }
}
