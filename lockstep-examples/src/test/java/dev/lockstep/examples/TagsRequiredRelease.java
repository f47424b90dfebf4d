package dev.lockstep.examples;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Release 1.2.0 of the notes sample, written for the tests beside the shipped releases: its api
 * stores an empty list for a note without tags where 1.1.0 stores NULL, and its migration V3 makes
 * {@code notes.tags} NOT NULL (contract: 1.1.0's writes of a note without tags would fail). 1.2.0
 * runs on the schema before V3 and after it, so V3 is held back until every node runs 1.2.0 ({@code
 * afterRollout}), and 1.2.0 rolls from 1.0.0 and 1.1.0.
 */
final class TagsRequiredRelease {
  static final Version VERSION = Version.parse("1.2.0");

  private static final String NULL_TAGS =
      """
            if (tagList.length == 0) s.setNull(3, Types.ARRAY); // no tags: NULL, like notes from 1.0.0
            else s.setArray(3, c.createArrayOf("text", tagList));
      """;
  private static final String EMPTY_TAGS =
      """
            s.setArray(3, c.createArrayOf("text", tagList)); // no tags: an empty list, never NULL
      """;
  private static final String V3 =
      """
      -- notes 1.2.0: every note has a tags list (empty when it has none). Contract: 1.1.0 writes
      -- NULL for a note without tags, so this waits until every node runs 1.2.0.
      UPDATE notes SET tags = '{}' WHERE tags IS NULL;
      ALTER TABLE notes ALTER COLUMN tags SET DEFAULT '{}', ALTER COLUMN tags SET NOT NULL;
      """;

  private TagsRequiredRelease() {}

  /** Writes {@code releases/1.2.0}, from the shipped 1.1.0 beside it. */
  static void writeInto(Path releases) throws IOException {
    Path from = releases.resolve("1.1.0");
    Path to = Files.createDirectories(releases.resolve(VERSION.toString()));
    Path migrations = Files.createDirectories(to.resolve("migrations"));
    for (String script : new String[] {"V1__create_notes.sql", "V2__add_note_tags.sql"}) {
      Files.copy(from.resolve("migrations").resolve(script), migrations.resolve(script));
    }
    Files.writeString(migrations.resolve("V3__require_note_tags.sql"), V3);
    String api =
        ReleaseSources.reversioned(
            Files.readString(from.resolve("api.java")), "1.1.0", VERSION.toString());
    if (!api.contains(NULL_TAGS)) {
      throw new IllegalStateException(
          "1.1.0's api no longer stores NULL tags as this fixture expects");
    }
    Files.writeString(to.resolve("api.java"), api.replace(NULL_TAGS, EMPTY_TAGS));
    Files.writeString(
        to.resolve("worker.java"),
        ReleaseSources.reversioned(
            Files.readString(from.resolve("worker.java")), "1.1.0", VERSION.toString()));
    Files.writeString(
        to.resolve("release.yaml"),
        """
        product: notes
        version: 1.2.0
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
            - file: V3__require_note_tags.sql
              class: contract
              afterRollout: true
        compatibleWith: ["1.0.0", "1.1.0"]
        """
            .formatted(Sha256.of(to.resolve("api.java")), Sha256.of(to.resolve("worker.java"))));
  }
}
