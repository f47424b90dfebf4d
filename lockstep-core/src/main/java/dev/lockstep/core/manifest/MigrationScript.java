package dev.lockstep.core.manifest;

import java.nio.file.Path;

/**
 * One SQL migration of a release and its declared class.
 *
 * @param version Flyway's version, taken from the file name ({@code 2} for {@code V2__x.sql}), or
 *     the id the product's own tool records
 * @param file the SQL file, for Lockstep's own runner; null when the product migrates itself
 * @param afterRollout a post-deployment migration: a rolling upgrade holds it back until every node
 *     runs the release (the release no longer needs what it removes), then applies it in a step of
 *     its own; an upgrade with downtime applies it with the others
 */
public record MigrationScript(
    String version, String description, Path file, MigrationClass type, boolean afterRollout) {

  /** A migration applied before the release's services start, as most are. */
  public MigrationScript(String version, String description, Path file, MigrationClass type) {
    this(version, description, file, type, false);
  }

  /**
   * A migration as people name it: {@code V2 add note tags} for a Flyway version, the tool's own id
   * (without repeating the words it already holds) for a product's migration.
   */
  public static String label(String id, String description) {
    String name = id.matches("[0-9][0-9.]*") ? "V" + id : id;
    boolean redundant =
        description == null
            || description.isBlank()
            || description.equals(id)
            || id.contains(description.strip().replace(' ', '_'));
    return redundant ? name : name + " " + description;
  }
}
