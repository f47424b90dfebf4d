package dev.lockstep.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The watch after an upgrade: which signals, how long, how often, and what it may do by itself.
 *
 * @param duration how long a watch runs after an upgrade (the seed's 24 to 48 hours)
 * @param interval the time between two samples of every signal
 * @param baseline the window before the upgrade that every signal is compared with
 * @param autoRevert how long after the upgrade a failed signal reverts the services by itself (only
 *     while the rollback is still a revert); null never to act alone
 * @param signals what is watched, in order
 */
public record WatchConfig(
    Duration duration,
    Duration interval,
    Duration baseline,
    Duration autoRevert,
    List<SignalConfig> signals) {

  public static final Duration DEFAULT_DURATION = Duration.ofHours(48);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_BASELINE = Duration.ofMinutes(30);

  public WatchConfig {
    duration = duration == null ? DEFAULT_DURATION : duration;
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    baseline = baseline == null ? DEFAULT_BASELINE : baseline;
    signals = signals == null ? List.of() : List.copyOf(signals);
  }

  public Optional<Duration> autoRevertWindow() {
    return Optional.ofNullable(autoRevert);
  }

  public Optional<SignalConfig> signal(String name) {
    return signals.stream().filter(signal -> signal.name().equals(name)).findFirst();
  }
}
