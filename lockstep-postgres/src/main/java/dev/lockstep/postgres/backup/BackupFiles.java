package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files of a backup folder and their sha256 sums: recorded at backup time, checked later. */
final class BackupFiles {
  /** Lockstep's own records, not part of what the manifest vouches for. */
  private static final Set<String> OWN = Set.of(BackupLayout.MANIFEST, BackupLayout.VERIFICATION);

  private BackupFiles() {}

  /** Every data file under {@code folder}, sorted by path, hashed. */
  static List<BackupFile> inventory(Path folder, Progress.Factory progress, String task) {
    Map<String, Path> files = dataFiles(folder);
    long total = files.values().stream().mapToLong(BackupFiles::size).sum();
    List<BackupFile> result = new ArrayList<>();
    try (Progress bar = progress.start(task, total, Progress.Unit.BYTES)) {
      long[] done = {0};
      for (Map.Entry<String, Path> file : files.entrySet()) {
        long before = done[0];
        String sha = Sha256.of(file.getValue(), read -> bar.update(before + read));
        long size = size(file.getValue());
        done[0] += size;
        result.add(new BackupFile(file.getKey(), size, sha));
      }
      bar.update(total);
    }
    return result;
  }

  /**
   * What differs between the folder and its manifest: missing, unexpected and changed files, one
   * sentence each. Empty when the backup is intact.
   */
  static List<String> check(Path folder, BackupManifest manifest, Progress.Factory progress) {
    Map<String, Path> present = dataFiles(folder);
    List<String> problems = new ArrayList<>();
    try (Progress bar =
        progress.start(
            "checksum backup " + manifest.id(), manifest.totalBytes(), Progress.Unit.BYTES)) {
      long done = 0;
      for (BackupFile expected : manifest.files()) {
        Path file = present.remove(expected.path());
        if (file == null) {
          problems.add(expected.path() + ": missing");
          continue;
        }
        long before = done;
        String sha = Sha256.of(file, read -> bar.update(before + read));
        done += expected.size();
        long size = size(file);
        if (!sha.equals(expected.sha256())) {
          problems.add(
              expected.path()
                  + ": changed (sha256 "
                  + sha
                  + ", "
                  + size
                  + " bytes; the manifest recorded "
                  + expected.sha256()
                  + ", "
                  + expected.size()
                  + " bytes)");
        }
      }
      bar.update(manifest.totalBytes());
    }
    present.keySet().forEach(extra -> problems.add(extra + ": not in the manifest"));
    return problems;
  }

  private static Map<String, Path> dataFiles(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> !(p.getParent().equals(folder) && OWN.contains(p.getFileName().toString())))
          .collect(
              Collectors.toMap(
                  p -> relative(folder, p), p -> p, (a, b) -> a, TreeMap<String, Path>::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + folder, e);
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
