package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a backup of every store will copy, as the plan's disk-space gate estimates it: a database's
 * size on disk (a dump is rarely larger), a folder's files; a command store's size is unknown until
 * it is dumped.
 *
 * @param commandStores the stores whose size is not counted
 */
record StoreSizes(long bytes, List<String> commandStores) {

  static StoreSizes of(DeploymentConfig config) {
    long bytes = 0;
    for (StoreConfig store : config.stores()) {
      bytes +=
          switch (store.kind()) {
            case POSTGRES -> new Database(store.database()).sizeBytes();
            case FILES -> folderSize(store.path());
            case COMMAND -> 0;
          };
    }
    List<String> commands =
        config.stores().stream()
            .filter(store -> store.kind() == StoreConfig.Kind.COMMAND)
            .map(StoreConfig::name)
            .toList();
    return new StoreSizes(bytes, commands);
  }

  private static long folderSize(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(StoreSizes::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // a folder that cannot be read fails the backup itself, with its own message
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
