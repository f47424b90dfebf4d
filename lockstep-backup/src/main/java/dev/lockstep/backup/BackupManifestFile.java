package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set's {@code manifest.json} as it is on disk, kept apart from {@link BackupSet} so that a
 * change to the in-memory record cannot change the file unnoticed.
 *
 * <p>Version 1 is the shape Lockstep wrote before files had versions, with {@code formatVersion}
 * added. The manifest's version also covers the layout of the set's folder and the lines of each
 * file tree's {@code index.jsonl}: they are written with the manifest and only read through it.
 *
 * @param kind {@code POSTGRES}, {@code FILES} or {@code COMMAND}
 * @param purpose {@code UPGRADE}, {@code ON_DEMAND} or {@code SAFETY}
 */
record BackupManifestFile(
    int formatVersion,
    String id,
    Instant createdAt,
    String runId,
    String release,
    String purpose,
    boolean encrypted,
    long totalBytes,
    List<Part> parts) {

  static final FileFormat FORMAT = new FileFormat("backup manifest", 1, ErrorCode.BACKUP_UNKNOWN);

  /** One store's part of the set. */
  record Part(
      String store,
      String kind,
      String location,
      String format,
      String serverVersion,
      long bytes,
      List<StoredFile> files,
      Map<String, Table> tables) {}

  /** One stored file: its path in the set's folder, its size and sha256 as stored. */
  record StoredFile(String path, long size, String sha256) {}

  /** One table's rows and content hash, taken in the dump's snapshot. */
  record Table(long rows, String contentHash) {}

  /** The manifest of {@code set}, as this Lockstep writes it: one JSON document and a newline. */
  static String write(BackupSet set) {
    return Json.write(of(set)) + "\n";
  }

  /**
   * Reads a manifest of any version up to {@link #FORMAT}'s current one.
   *
   * @throws IOException when it is not a manifest
   * @throws dev.lockstep.core.api.BadInputException when a newer Lockstep wrote it
   */
  static BackupSet read(Path file) throws IOException {
    BackupManifestFile manifest = FORMAT.read(file, BackupManifestFile.class);
    try {
      return manifest.toSet();
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static BackupManifestFile of(BackupSet set) {
    return new BackupManifestFile(
        FORMAT.current(),
        set.id(),
        set.createdAt(),
        set.runId(),
        set.release(),
        // As in BackupRequest, no purpose means a backup taken on demand.
        (set.purpose() == null ? BackupRequest.Purpose.ON_DEMAND : set.purpose()).name(),
        set.encrypted(),
        set.totalBytes(),
        set.parts().stream().map(BackupManifestFile::part).toList());
  }

  private static Part part(BackupPart part) {
    Map<String, Table> tables = new LinkedHashMap<>();
    part.tables()
        .forEach((name, facts) -> tables.put(name, new Table(facts.rows(), facts.contentHash())));
    return new Part(
        part.store(),
        part.kind() == null ? null : part.kind().name(),
        part.location(),
        part.format(),
        part.serverVersion(),
        part.bytes(),
        part.files().stream().map(f -> new StoredFile(f.path(), f.size(), f.sha256())).toList(),
        tables);
  }

  /**
   * @throws IllegalArgumentException naming a field every manifest has that is missing, or a kind
   *     or purpose this Lockstep does not know
   */
  BackupSet toSet() {
    required("id", id);
    required("createdAt", createdAt);
    required("purpose", purpose);
    return new BackupSet(
        id,
        createdAt,
        runId,
        release,
        known(BackupRequest.Purpose.class, "purpose", purpose),
        encrypted,
        totalBytes,
        parts == null ? List.of() : parts.stream().map(BackupManifestFile::toPart).toList());
  }

  private static BackupPart toPart(Part part) {
    Map<String, TableFacts> tables = new TreeMap<>();
    if (part.tables() != null) {
      part.tables()
          .forEach((name, t) -> tables.put(name, new TableFacts(t.rows(), t.contentHash())));
    }
    return new BackupPart(
        part.store(),
        part.kind() == null ? null : known(StoreConfig.Kind.class, "kind", part.kind()),
        part.location(),
        part.format(),
        part.serverVersion(),
        part.bytes(),
        part.files() == null
            ? List.of()
            : part.files().stream()
                .map(f -> new BackupFile(f.path(), f.size(), f.sha256()))
                .toList(),
        tables);
  }

  private static void required(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }

  private static <E extends Enum<E>> E known(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " '" + value + "' is not one of " + List.of(type.getEnumConstants()), e);
    }
  }
}
