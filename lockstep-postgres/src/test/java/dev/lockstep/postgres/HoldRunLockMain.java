package dev.lockstep.postgres;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Lockstep stand-in for {@link RunLockTest}: takes the run lock, says so, and holds it until it
 * is killed. Arguments: host, port, database, user, maintenance database; the password comes in
 * {@code RUN_LOCK_TEST_PASSWORD}, never on the command line.
 */
public final class HoldRunLockMain {
  private HoldRunLockMain() {}

  public static void main(String[] args) throws InterruptedException {
    DatabaseConfig database =
        new DatabaseConfig(
            args[0],
            Integer.parseInt(args[1]),
            args[2],
            args[3],
            Secret.of(System.getenv("RUN_LOCK_TEST_PASSWORD")),
            args[4]);
    RunLock lock =
        RunLock.acquire(
            database, RunLock.describeHolder(Path.of("/srv/killed/.lockstep")), Duration.ZERO);
    System.out.println("held by " + lock.holder());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
