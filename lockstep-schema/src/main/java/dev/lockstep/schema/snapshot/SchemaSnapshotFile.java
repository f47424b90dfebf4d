package dev.lockstep.schema.snapshot;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import java.util.List;

/**
 * A schema snapshot as it is on disk: in Lockstep's state folder ({@code schemas/*.json}) and as a
 * release ships it ({@code migrations.schema}, written by {@code release lint --schema-out}).
 * Version 1 is the shape written before files had versions, with {@code formatVersion} added.
 *
 * <p>This record keeps the file's top level apart from {@link SchemaSnapshot}. The catalog objects
 * inside it ({@link TableSnapshot} and the rest) are written as they are: they are plain values
 * read from the catalog, with no state of Lockstep's own, and the golden file of the writer's
 * output fails on any change to them, so the file never changes unnoticed. A change to one of them
 * that an older reader would misread needs its own on-disk record and a new version.
 */
record SchemaSnapshotFile(
    int formatVersion,
    String database,
    String origin,
    List<String> schemas,
    List<TableSnapshot> tables,
    List<ViewSnapshot> views,
    List<FunctionSnapshot> functions,
    List<EnumSnapshot> enums,
    List<DomainSnapshot> domains,
    List<SequenceSnapshot> sequences) {

  static final FileFormat FORMAT = new FileFormat("schema snapshot", 1, ErrorCode.MANIFEST_INVALID);

  static SchemaSnapshotFile of(SchemaSnapshot snapshot) {
    return new SchemaSnapshotFile(
        FORMAT.current(),
        snapshot.database(),
        snapshot.origin(),
        snapshot.schemas(),
        snapshot.tables(),
        snapshot.views(),
        snapshot.functions(),
        snapshot.enums(),
        snapshot.domains(),
        snapshot.sequences());
  }

  SchemaSnapshot toSnapshot() {
    return new SchemaSnapshot(
        database, origin, schemas, tables, views, functions, enums, domains, sequences);
  }
}
