package dev.lockstep.schema.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One migration of the corpus: the schema before it, the migration, and what it should get. */
record Fixture(String name, String beforeSql, String migrationSql, Expected expected) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<Fixture> all() {
    Path root = corpusRoot();
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().startsWith("_"))
          .sorted()
          .map(d -> load(root, d))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Fixture load(Path root, Path dir) {
    try {
      Expected expected = YAML.readValue(dir.resolve("expected.yaml").toFile(), Expected.class);
      StringBuilder before = new StringBuilder();
      if (expected.before() != null) {
        before.append(Files.readString(root.resolve("_base").resolve(expected.before() + ".sql")));
        before.append("\n");
      }
      if (Files.exists(dir.resolve("before.sql"))) {
        before.append(Files.readString(dir.resolve("before.sql")));
      }
      String migration = Files.readString(dir.resolve("migration.sql"));
      return new Fixture(dir.getFileName().toString(), before.toString(), migration, expected);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + dir, e);
    }
  }

  private static Path corpusRoot() {
    try {
      return Path.of(Fixture.class.getResource("/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
