package dev.lockstep.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A moment of a run that a notice tells people outside Lockstep about. */
public enum NoticeEvent {
  /** An upgrade with downtime is about to stop the services (a rolling upgrade has none). */
  DOWNTIME_STARTED,
  /** An upgrade succeeded: the new release is installed and validated. */
  UPGRADE_DONE,
  /**
   * A failed upgrade was rolled back cleanly, or {@code lockstep rollback} succeeded: the previous
   * release runs again.
   */
  ROLLED_BACK,
  /** A rollback failed: the deployment is in a state only an operator can settle. */
  NEEDS_OPERATOR;

  /** As the config writes it: {@code downtime-started}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<NoticeEvent> of(String key) {
    return Arrays.stream(values()).filter(event -> event.key().equals(key)).findFirst();
  }

  /** Every key, as a fix lists them: "downtime-started, upgrade-done, …". */
  public static String keys() {
    return Arrays.stream(values()).map(NoticeEvent::key).collect(Collectors.joining(", "));
  }
}
