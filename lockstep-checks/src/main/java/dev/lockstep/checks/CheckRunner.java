package dev.lockstep.checks;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Durations;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs validation checks: each is tried up to {@code 1 + retries} times, {@code interval} apart,
 * and fails when its attempts run out or its {@code deadline} passes, whichever comes first. Every
 * attempt gets the time left before the deadline, so a hung server cannot stretch it. While an HTTP
 * check's connection is refused (the service does not listen yet), it is also tried every {@link
 * #KNOCK} between two attempts; those tries are not counted, and the first one answered is.
 */
public final class CheckRunner {
  /** Command checks run with {@code /bin/sh -c}, whatever shell the target uses. */
  public static final String SHELL = "/bin/sh";

  /** How often an abort condition is asked while waiting between attempts. */
  static final Duration ABORT_POLL = Duration.ofMillis(100);

  /** How soon a check is tried again while nothing listens on its port yet. */
  static final Duration KNOCK = Duration.ofMillis(50);

  private final Supplier<HttpClient> http;
  private final Path workingDir;
  private final ProcessRunner processes;
  private final DatabaseConfig database;
  private final Redactor redactor;
  private final CheckListener listener;

  /**
   * @param http sends the HTTP checks' requests
   * @param workingDir where command checks run; null for Lockstep's working directory
   * @param secrets masked wherever a result quotes a response or a command's output
   * @param listener hears every attempt
   */
  public CheckRunner(
      HttpClient http, Path workingDir, Collection<Secret> secrets, CheckListener listener) {
    this(
        () -> http,
        workingDir,
        new ProcessRunner(SecretRegistry.of(secrets), SecretFiles.standalone()),
        null,
        listener);
  }

  /**
   * @param http made on first use only: an HTTP client sets up TLS, which costs a command that runs
   *     no HTTP check a noticeable part of its start-up
   * @param processes runs command checks; its secrets are masked wherever a result quotes a
   *     response or a command's output
   * @param database command checks get it in PGHOST… and a temporary PGPASSFILE; may be null
   */
  private CheckRunner(
      Supplier<HttpClient> http,
      Path workingDir,
      ProcessRunner processes,
      DatabaseConfig database,
      CheckListener listener) {
    this.http = memoized(http);
    this.workingDir = workingDir;
    this.processes = processes;
    this.database = database;
    this.redactor = new Redactor(processes.secrets());
    this.listener = listener;
  }

  public CheckRunner(CheckListener listener) {
    this(CheckRunner::defaultClient, null, ProcessRunner.standalone(), null, listener);
  }

  public CheckRunner() {
    this(CheckListener.NONE);
  }

  /**
   * Runs checks the way {@code config} means them: command checks in the config's folder, with the
   * deployment's database (a password file, never the password) in their environment, and every
   * secret of the deployment masked in what results quote.
   */
  public static CheckRunner forDeployment(DeploymentConfig config, CheckListener listener) {
    Path folder = config.file() == null ? null : config.file().getParent();
    return new CheckRunner(
        CheckRunner::defaultClient,
        folder,
        ProcessRunner.forDeployment(config),
        config.database(),
        listener);
  }

  /** The same runner, with command checks pointed at {@code db} (a rehearsal's scratch copy). */
  public CheckRunner withDatabase(DatabaseConfig db) {
    return new CheckRunner(http, workingDir, processes, db, listener);
  }

  /** An HTTP/1.1 client that does not follow redirects: a health check must see what it got. */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /**
   * Builds the HTTP client now, on a background thread, when {@code checks} hold an HTTP check:
   * setting up TLS takes about half a second, which the checks must not spend inside the downtime.
   */
  public void prepare(List<CheckConfig> checks) {
    if (checks.stream().anyMatch(check -> check.http() != null)) {
      Thread setup = new Thread(http::get, "lockstep-http-setup");
      setup.setDaemon(true);
      setup.start();
    }
  }

  /** Runs every check in order, failed or not, and returns all their results. */
  public List<CheckResult> runAll(List<CheckConfig> checks) {
    return runAll(checks, AbortCondition.NEVER);
  }

  /**
   * Runs every check in order, failed or not; once {@code abort} gives a reason, every check still
   * trying fails at once with it, and the checks after it are not tried.
   */
  public List<CheckResult> runAll(List<CheckConfig> checks, AbortCondition abort) {
    return checks.stream().map(check -> run(check, abort)).toList();
  }

  public CheckResult run(CheckConfig check) {
    return run(check, AbortCondition.NEVER);
  }

  public CheckResult run(CheckConfig check, AbortCondition abort) {
    Probe probe = probeFor(check);
    int maxAttempts = 1 + check.retries();
    long started = System.nanoTime();
    long deadline = started + check.deadline().toNanos();
    long due = started; // when the next counted attempt is due
    Attempt last = null;
    int attempts = 0;
    while (attempts < maxAttempts && remaining(deadline).compareTo(Duration.ZERO) > 0) {
      Optional<String> stop =
          last == null ? abort.reason() : sleep(min(pause(last, due), remaining(deadline)), abort);
      if (stop.isPresent()) {
        return finish(check, false, attempts, started, aborted(stop.get(), last));
      }
      if (last != null
          && (Thread.currentThread().isInterrupted() || remaining(deadline).isZero())) {
        break;
      }
      long now = System.nanoTime();
      boolean knock = last != null && last.refused() && now - due < 0;
      if (!knock) {
        listener.attemptStarted(check, attempts + 1, maxAttempts);
      }
      last = probe.attempt(remaining(deadline));
      if (knock && !last.refused()) {
        knock = false; // it answered between two attempts: that answer is the next attempt
      }
      if (!knock) {
        attempts++;
        due = System.nanoTime() + check.interval().toNanos();
      }
      if (last.passed()) {
        return finish(check, true, attempts, started, "ok");
      }
      if (!knock) {
        listener.attemptFailed(check, attempts, maxAttempts, last.message());
      }
    }
    return finish(check, false, attempts, started, failure(check, last, attempts, maxAttempts));
  }

  /**
   * How long to wait before trying again: until the next attempt is due, or at most {@link #KNOCK}
   * while nothing listens. A refused connection costs the service nothing, and waiting a whole
   * interval for the port to open would add up to an interval of downtime to every start.
   */
  private static Duration pause(Attempt last, long due) {
    Duration untilDue = Duration.ofNanos(Math.max(0, due - System.nanoTime()));
    return last.refused() ? min(KNOCK, untilDue) : untilDue;
  }

  private static String aborted(String reason, Attempt last) {
    return "stopped trying: "
        + reason
        + (last == null ? " (not tried)" : "; last attempt: " + last.message());
  }

  private static String failure(CheckConfig check, Attempt last, int attempts, int maxAttempts) {
    if (last == null) {
      return "not tried: its deadline of " + Durations.format(check.deadline()) + " is zero";
    }
    if (attempts < maxAttempts) {
      return last.message()
          + " ("
          + attempts
          + " of "
          + maxAttempts
          + " attempts; deadline "
          + Durations.format(check.deadline())
          + " passed)";
    }
    return maxAttempts == 1 ? last.message() : last.message() + " (" + attempts + " attempts)";
  }

  private CheckResult finish(
      CheckConfig check, boolean passed, int attempts, long started, String message) {
    CheckResult result =
        new CheckResult(
            check.name(), passed, attempts, Duration.ofNanos(System.nanoTime() - started), message);
    listener.finished(result);
    return result;
  }

  private Probe probeFor(CheckConfig check) {
    if (check.http() != null) {
      return new HttpProbe(check.http(), http.get(), redactor);
    }
    if (check.command() != null) {
      return new CommandProbe(check.command(), SHELL, workingDir, processes, database, redactor);
    }
    throw new IllegalArgumentException("check " + check.name() + " has neither http nor command");
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * Waits {@code duration} between attempts, asking {@code abort} every {@link #ABORT_POLL};
   * returns its reason as soon as it gives one. An interrupt (Lockstep shutting down) ends the wait
   * early, and the check ends with what it saw.
   */
  private static Optional<String> sleep(Duration duration, AbortCondition abort) {
    long end = System.nanoTime() + duration.toNanos();
    while (true) {
      Optional<String> reason = abort.reason();
      long left = end - System.nanoTime();
      if (reason.isPresent() || left <= 0) {
        return reason;
      }
      try {
        long slice = Math.min(left, ABORT_POLL.toNanos());
        Thread.sleep(slice / 1_000_000, (int) (slice % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}
