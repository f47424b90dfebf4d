package dev.lockstep.engine.promotion;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Json;
import dev.lockstep.journal.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder the environments of a product share: each records there the upgrades and rollbacks it
 * finished, one file per run, written whole (through a temporary file) so that a reader never sees
 * half of one.
 */
public final class SharedRunsFolder implements SharedRuns {
  static final FileFormat FORMAT =
      new FileFormat("shared run record", 1, ErrorCode.MANIFEST_INVALID);

  private final Path shared;

  public SharedRunsFolder(Path shared) {
    this.shared = shared;
  }

  @Override
  public void record(String environment, RunRecord run) {
    Json.writeFile(
        folder(environment).resolve(run.id() + ".json"),
        SharedRun.of(FORMAT.current(), environment, run));
  }

  @Override
  public List<SharedRun> of(String environment) {
    Path folder = folder(environment);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<SharedRun> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        try {
          runs.add(FORMAT.read(file, SharedRun.class));
        } catch (NoSuchFileException e) {
          // Replaced while listed: the new one is read next time.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shared runs in " + folder, e);
    }
    runs.sort(Comparator.comparing(SharedRun::endedAt));
    return List.copyOf(runs);
  }

  public Path folder(String environment) {
    return shared.resolve(environment);
  }
}
