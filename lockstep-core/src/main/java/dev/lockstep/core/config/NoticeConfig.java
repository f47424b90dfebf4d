package dev.lockstep.core.config;

import dev.lockstep.core.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One webhook that hears about a run's moments ({@code notices} in YAML). The URL is kept as a
 * secret whether it was written in the config or read from {@code {env: NAME}}: a chat webhook's
 * path is its password. Only {@link #where()} is ever shown.
 *
 * @param name what messages call it, e.g. {@code ops-chat}
 * @param url where the notices are POSTed
 * @param events the moments it hears about
 * @param timeout how long one attempt may take
 * @param retries how many times a failed attempt is repeated
 */
public record NoticeConfig(
    String name,
    Secret url,
    NoticeFormat format,
    Set<NoticeEvent> events,
    Duration timeout,
    int retries) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_RETRIES = 2;

  /** What the receiver is sent: a flat JSON object, or Slack's {@code {"text": …}}. */
  public enum NoticeFormat {
    JSON,
    SLACK;

    /** As the config writes it. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public NoticeConfig {
    events =
        Collections.unmodifiableSet(
            events.isEmpty() ? EnumSet.noneOf(NoticeEvent.class) : EnumSet.copyOf(events));
  }

  public boolean hears(NoticeEvent event) {
    return events.contains(event);
  }

  /** The receiver as messages may show it: scheme and host, never the path or query. */
  public String where() {
    try {
      URI uri = URI.create(url.reveal());
      return name + " (" + uri.getScheme() + "://" + uri.getHost() + "/…)";
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
