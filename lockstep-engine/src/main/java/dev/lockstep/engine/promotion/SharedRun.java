package dev.lockstep.engine.promotion;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.core.io.FileFormat;
import java.time.Instant;

/**
 * One finished run of one environment, as the environments of a product share it: the file {@code
 * <shared>/<environment>/<run>.json} (format {@link SharedRuns#FORMAT}).
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
