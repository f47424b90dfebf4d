package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A set's {@code verification.json} as it is on disk, kept apart from {@link VerificationResult}.
 * It has its own version because it is written after the set, possibly by a later Lockstep. Version
 * 1 is the shape written before files had versions, with {@code formatVersion} added.
 */
record VerificationFile(
    int formatVersion,
    String backupId,
    boolean verified,
    Instant verifiedAt,
    Duration duration,
    List<Part> parts,
    List<String> problems) {

  static final FileFormat FORMAT =
      new FileFormat("backup verification", 1, ErrorCode.BACKUP_UNKNOWN);

  /** How one part fared when restored into a scratch place. */
  record Part(String store, boolean verified, List<Table> tables, List<String> differences) {}

  /** One table as the manifest recorded it and as the restore produced it. */
  record Table(
      String table,
      long expectedRows,
      long restoredRows,
      String expectedHash,
      String restoredHash) {}

  static String write(VerificationResult result) {
    return Json.write(of(result)) + "\n";
  }

  /**
   * @throws IOException when it is not a verification record
   * @throws dev.lockstep.core.api.BadInputException when a newer Lockstep wrote it
   */
  static VerificationResult read(Path file) throws IOException {
    return FORMAT.read(file, VerificationFile.class).toResult();
  }

  static VerificationFile of(VerificationResult result) {
    return new VerificationFile(
        FORMAT.current(),
        result.backupId(),
        result.verified(),
        result.verifiedAt(),
        result.duration(),
        result.parts().stream()
            .map(
                part ->
                    new Part(
                        part.store(),
                        part.verified(),
                        part.tables().stream()
                            .map(
                                t ->
                                    new Table(
                                        t.table(),
                                        t.expectedRows(),
                                        t.restoredRows(),
                                        t.expectedHash(),
                                        t.restoredHash()))
                            .toList(),
                        part.differences()))
            .toList(),
        result.problems());
  }

  VerificationResult toResult() {
    return new VerificationResult(
        backupId,
        verified,
        verifiedAt,
        duration,
        parts == null ? List.of() : parts.stream().map(VerificationFile::toPart).toList(),
        problems);
  }

  private static PartVerification toPart(Part part) {
    return new PartVerification(
        part.store(),
        part.verified(),
        part.tables() == null
            ? List.of()
            : part.tables().stream()
                .map(
                    t ->
                        new TableComparison(
                            t.table(),
                            t.expectedRows(),
                            t.restoredRows(),
                            t.expectedHash(),
                            t.restoredHash()))
                .toList(),
        part.differences());
  }
}
