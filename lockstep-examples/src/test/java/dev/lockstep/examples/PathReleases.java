package dev.lockstep.examples;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The notes sample's catalog made into an upgrade path, for the tests: 1.1.0 becomes a required
 * stop, release 1.5.0 is written (1.1.0 under another version: same migrations, same behaviour),
 * and 2.0.0 can only be reached from 1.5.0 ({@code minimumFrom}). From 1.0.0, an upgrade to 2.0.0
 * then takes three hops: 1.1.0, 1.5.0, 2.0.0.
 */
public final class PathReleases {
  public static final Version MIDDLE = Version.parse("1.5.0");

  private static final String MAIN =
      "  public static void main(String[] args) throws IOException {\n";

  private PathReleases() {}

  /**
   * Edits the catalog in {@code releases}; with {@code brokenMiddle}, 1.5.0's api stops as soon as
   * it starts, so its hop fails.
   */
  public static void writeInto(Path releases, boolean brokenMiddle) throws IOException {
    Files.writeString(
        releases.resolve("1.1.0/release.yaml"), "requiredStop: true\n", StandardOpenOption.APPEND);
    Files.writeString(
        releases.resolve("2.0.0/release.yaml"),
        "minimumFrom: " + MIDDLE + "\n",
        StandardOpenOption.APPEND);
    Path from = releases.resolve("1.1.0");
    Path to = Files.createDirectories(releases.resolve(MIDDLE.toString()));
    Path migrations = Files.createDirectories(to.resolve("migrations"));
    for (String script : new String[] {"V1__create_notes.sql", "V2__add_note_tags.sql"}) {
      Files.copy(from.resolve("migrations").resolve(script), migrations.resolve(script));
    }
    String api =
        ReleaseSources.reversioned(
            Files.readString(from.resolve("api.java")), "1.1.0", MIDDLE.toString());
    if (brokenMiddle) {
      if (!api.contains(MAIN)) {
        throw new IllegalStateException("1.1.0's api no longer starts with " + MAIN.strip());
      }
      api =
          api.replace(
              MAIN,
              MAIN
                  + "    if (args.length >= 0) throw new IllegalStateException(\"1.5.0 is broken"
                  + " on purpose by the test\");\n");
    }
    Files.writeString(to.resolve("api.java"), api);
    Files.writeString(
        to.resolve("worker.java"),
        ReleaseSources.reversioned(
            Files.readString(from.resolve("worker.java")), "1.1.0", MIDDLE.toString()));
    Files.writeString(
        to.resolve("release.yaml"),
        """
        product: notes
        version: %s
        components:
          api:
            file: api.java
            sha256: %s
          worker:
            file: worker.java
            sha256: %s
        migrations:
          location: migrations
          scripts:
            - file: V1__create_notes.sql
              class: expand
            - file: V2__add_note_tags.sql
              class: expand
        notes: |
          1.1.0 under another version, on the way to 2.0.0.
        """
            .formatted(
                MIDDLE, Sha256.of(to.resolve("api.java")), Sha256.of(to.resolve("worker.java"))));
  }
}
