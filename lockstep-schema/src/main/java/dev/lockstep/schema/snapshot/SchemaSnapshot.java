package dev.lockstep.schema.snapshot;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The structure of one database as its catalog described it at one moment: what a migration is
 * measured against. Every list is sorted by name (columns by position), so two snapshots of the
 * same schema are equal and serialise to the same JSON, wherever and whenever they were taken.
 *
 * @param database the database it was read from
 * @param origin which cluster and database the object ids ({@code oid}, {@code attnum}) belong to;
 *     ids are only compared between snapshots of the same origin, where an unchanged id with a new
 *     name is a rename
 * @param schemas the schemas that were read
 */
public record SchemaSnapshot(
    String database,
    String origin,
    List<String> schemas,
    List<TableSnapshot> tables,
    List<ViewSnapshot> views,
    List<FunctionSnapshot> functions,
    List<EnumSnapshot> enums,
    List<DomainSnapshot> domains,
    List<SequenceSnapshot> sequences) {

  public SchemaSnapshot {
    schemas = Sorted.by(schemas, Comparator.naturalOrder());
    tables = Sorted.by(tables, Comparator.comparing(TableSnapshot::qualifiedName));
    views = Sorted.by(views, Comparator.comparing(ViewSnapshot::qualifiedName));
    functions = Sorted.by(functions, Comparator.comparing(FunctionSnapshot::signature));
    enums = Sorted.by(enums, Comparator.comparing(EnumSnapshot::qualifiedName));
    domains = Sorted.by(domains, Comparator.comparing(DomainSnapshot::qualifiedName));
    sequences = Sorted.by(sequences, Comparator.comparing(SequenceSnapshot::qualifiedName));
  }

  /** An empty database: what a first install starts from. */
  public static SchemaSnapshot empty(String database) {
    return new SchemaSnapshot(
        database, "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public Optional<TableSnapshot> table(String qualifiedName) {
    return tables.stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst();
  }

  /**
   * Writes the snapshot as JSON ({@link SchemaSnapshotFile}), atomically: a reader never sees half
   * a file.
   */
  public void write(Path file) {
    Json.writeFile(file, SchemaSnapshotFile.of(this));
  }

  /**
   * Reads a snapshot written by {@link #write(Path)} of this Lockstep or an earlier one, in
   * Lockstep's state folder or shipped in a release. A missing or unreadable file, or one written
   * by a newer Lockstep, is bad input that names the file.
   */
  public static SchemaSnapshot read(Path file) {
    try {
      return SchemaSnapshotFile.FORMAT.read(file, SchemaSnapshotFile.class).toSnapshot();
    } catch (NoSuchFileException e) {
      throw unreadable(file, "does not exist.");
    } catch (IOException e) {
      throw unreadable(file, "is not a schema snapshot: " + e.getMessage());
    }
  }

  private static BadInputException unreadable(Path file, String what) {
    return new BadInputException(
        ErrorCode.MANIFEST_INVALID,
        new Problem(
            file,
            null,
            "the schema snapshot " + what,
            "take a new snapshot from the database the file describes, or restore the file."));
  }
}
