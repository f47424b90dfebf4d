package dev.lockstep.core.config;

import java.time.Duration;

/**
 * How a release's migrations are applied and watched.
 *
 * @param historyTable the table Lockstep's own runner records applied migrations in (Flyway's
 *     layout)
 * @param lockWait how long to wait for another Lockstep holding the migration lock
 * @param lockTimeout Lockstep's runner sets this {@code lock_timeout} on every migration, so that a
 *     migration queued behind a long transaction fails fast instead of stalling every query behind
 *     it
 * @param lockRetries how many times a migration that hit the lock timeout is retried, with backoff
 * @param command for a release whose product migrates itself by command: the shell command (e.g. a
 *     one-shot migrate container); {@code {version}} is the release
 * @param startup for a release whose product migrates when it starts: how to watch it
 * @param deadline how long a product's own migrations may take
 */
public record MigrationsConfig(
    String historyTable,
    Duration lockWait,
    Duration lockTimeout,
    int lockRetries,
    String command,
    StartupWatch startup,
    Duration deadline) {

  public MigrationsConfig(String historyTable, Duration lockWait) {
    this(historyTable, lockWait, Duration.ofSeconds(5), 5, null, null, Duration.ofMinutes(10));
  }

  /**
   * A product that applies its migrations when it starts, logging as it goes.
   *
   * @param service the service that migrates
   * @param success a regular expression its log matches once the migrations are done, e.g. {@code
   *     migrations: \d+ applied, 0 failed}
   * @param failure a regular expression its log matches when a migration failed
   * @param log command target: a shell command printing the service's recent log (the process
   *     target reads the log file it writes)
   */
  public record StartupWatch(String service, String success, String failure, String log) {}
}
