package dev.lockstep.engine.promotion;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.journal.RunRecord;
import java.time.Instant;
import java.util.Locale;

/**
 * One finished run of one environment, as the environments of a product share it: the file {@code
 * <shared>/<environment>/<run>.json} (format {@link SharedRunsFolder#FORMAT}), or a row of the
 * shared database's table ({@link SharedRunsTable}).
 *
 * @param kind {@code upgrade}, {@code rollback} or {@code adopt}
 * @param status how it ended: {@code succeeded}, {@code rolled_back}, {@code failed}, …
 */
public record SharedRun(
    @JsonProperty(FileFormat.FIELD) int formatVersion,
    String environment,
    String runId,
    String kind,
    String from,
    String to,
    String status,
    Instant endedAt) {

  /** {@code run} (finished) of {@code environment}, as the environments share it. */
  static SharedRun of(int formatVersion, String environment, RunRecord run) {
    return new SharedRun(
        formatVersion,
        environment,
        run.id(),
        run.kind().name().toLowerCase(Locale.ROOT),
        run.fromVersion(),
        run.toVersion(),
        run.status().name().toLowerCase(Locale.ROOT),
        run.endedAt());
  }

  boolean succeeded() {
    return "succeeded".equals(status);
  }

  /** The release the environment runs once this run ended, or null when it cannot be told. */
  String releaseAfter() {
    return switch (status) {
      case "succeeded" -> to;
      case "rolled_back" -> from;
      default -> null;
    };
  }
}
