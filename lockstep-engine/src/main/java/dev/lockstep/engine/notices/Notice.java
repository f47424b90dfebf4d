package dev.lockstep.engine.notices;

import dev.lockstep.core.config.NoticeConfig.NoticeFormat;
import dev.lockstep.core.config.NoticeEvent;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.secrets.SecretRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one notice tells: which moment of which run, in one line.
 *
 * @param from the release installed when the run started (for {@code lockstep rollback}, the one it
 *     rolls back); null for a first install
 * @param to the release the run moves to
 * @param message one line for people, e.g. "Upgraded 1.0.0 → 1.1.0."
 */
public record Notice(
    NoticeEvent event,
    String environment,
    String from,
    String to,
    String runId,
    String message,
    Instant time) {

  /** This notice with every secret of {@code secrets} masked, in every field a receiver sees. */
  public Notice redacted(SecretRegistry secrets) {
    return new Notice(
        event,
        secrets.redact(environment),
        secrets.redact(from),
        secrets.redact(to),
        secrets.redact(runId),
        secrets.redact(message),
        time);
  }

  /**
   * What is POSTed: for {@code json} a flat object of every field, for {@code slack} the {@code
   * text} a chat shows.
   */
  public String body(NoticeFormat format) {
    if (format == NoticeFormat.SLACK) {
      return Json.write(Map.of("text", "[" + environment + "] " + message));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event", event.key());
    fields.put("environment", environment);
    fields.put("from", from);
    fields.put("to", to);
    fields.put("runId", runId);
    fields.put("message", message);
    fields.put("time", time.toString());
    return Json.write(fields);
  }
}
