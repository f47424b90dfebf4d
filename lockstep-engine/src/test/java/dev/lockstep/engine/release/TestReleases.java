package dev.lockstep.engine.release;

import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Release folders written for a test: a manifest and its SQL migrations, nothing else. */
final class TestReleases {
  private TestReleases() {}

  /** One migration: its file name, declared class and SQL. */
  record Migration(String file, String type, String sql) {}

  static Migration migration(String file, String type, String sql) {
    return new Migration(file, type, sql);
  }

  static ReleaseManifest write(Path releases, String version, List<Migration> migrations) {
    Path folder = releases.resolve(version);
    StringBuilder manifest =
        new StringBuilder("product: shop\nversion: ")
            .append(version)
            .append("\ncomponents:\n  api:\n    image: example/api@sha256:")
            .append("a".repeat(64))
            .append("\nmigrations:\n  location: migrations\n  scripts:\n");
    try {
      Files.createDirectories(folder.resolve("migrations"));
      for (Migration migration : migrations) {
        Files.writeString(folder.resolve("migrations").resolve(migration.file()), migration.sql());
        manifest
            .append("    - file: ")
            .append(migration.file())
            .append("\n      class: ")
            .append(migration.type())
            .append('\n');
      }
      Files.writeString(folder.resolve("release.yaml"), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ManifestLoader().load(folder.resolve("release.yaml"));
  }
}
