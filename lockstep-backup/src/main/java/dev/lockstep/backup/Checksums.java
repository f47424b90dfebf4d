package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a set's stored files against the sizes and sha256 sums its manifest recorded: missing,
 * unexpected and changed files, one sentence each, starting with the file's path.
 */
final class Checksums {
  /** Files hashed at a time: as many as the machine has cores, up to pg_dump's usual jobs. */
  private static final int READERS = Math.min(4, Runtime.getRuntime().availableProcessors());

  private Checksums() {}

  /**
   * What differs in {@code folders} (part folders such as {@code postgres/main}, or the whole set
   * when it is empty) between the disk and {@code expected}; empty when the files are intact.
   */
  static List<String> check(
      Path setFolder, List<BackupFile> expected, List<String> folders, Progress bar) {
    Map<String, Path> present = new TreeMap<>();
    if (folders.isEmpty()) {
      filesUnder(setFolder, "").forEach(p -> present.put(p, setFolder.resolve(p)));
    } else {
      folders.forEach(
          f -> filesUnder(setFolder, f).forEach(p -> present.put(p, setFolder.resolve(p))));
    }
    bar.total(expected.stream().mapToLong(BackupFile::size).sum());
    List<BackupFile> found =
        expected.stream().filter(file -> present.containsKey(file.path())).toList();
    List<String> sums;
    try {
      sums =
          ParallelFiles.map(
              found,
              READERS,
              bar,
              (file, bytesRead) -> Sha256.of(present.get(file.path()), bytesRead));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    int next = 0;
    for (BackupFile file : expected) {
      Path stored = present.remove(file.path());
      if (stored == null) {
        problems.add(file.path() + ": missing");
        continue;
      }
      String sha256 = sums.get(next++);
      long size = size(stored);
      if (!sha256.equals(file.sha256()) || size != file.size()) {
        problems.add(
            file.path()
                + ": changed (sha256 "
                + sha256
                + ", "
                + size
                + " bytes; the manifest recorded "
                + file.sha256()
                + ", "
                + file.size()
                + " bytes)");
      }
    }
    present.keySet().forEach(extra -> problems.add(extra + ": not in the manifest"));
    return problems;
  }

  /**
   * Relative paths, sorted, of the regular files under {@code folder} of the set ({@code ""} for
   * all of it, less Lockstep's own records at its top).
   */
  static List<String> filesUnder(Path setFolder, String folder) {
    Path start = folder.isEmpty() ? setFolder : setFolder.resolve(folder);
    try (Stream<Path> paths = Files.walk(start)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  !(p.getParent().equals(setFolder)
                      && SetLayout.OWN_FILES.contains(p.getFileName().toString())))
          .map(p -> relative(setFolder, p))
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + start, e);
    }
  }

  private static String relative(Path folder, Path file) {
    List<String> names = new ArrayList<>();
    folder.relativize(file).forEach(name -> names.add(name.toString()));
    return String.join("/", names);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }
}
