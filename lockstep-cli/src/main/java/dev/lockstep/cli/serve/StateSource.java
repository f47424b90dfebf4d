package dev.lockstep.cli.serve;

import dev.lockstep.engine.Deployment;
import java.nio.file.Files;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The deployment the server reads, one request at a time. A deployment opened before its journal
 * existed reads an empty one for good, so it is opened again once the first run has created it.
 */
public final class StateSource implements AutoCloseable {
  private final Supplier<Deployment> opener;
  private Deployment deployment;
  private boolean journalSeen;

  public StateSource(Supplier<Deployment> opener) {
    this.opener = opener;
    this.deployment = opener.get();
    this.journalSeen = journalExists();
  }

  /** What {@code read} makes of the deployment as it stands now. */
  public synchronized <T> T read(Function<Deployment, T> read) {
    if (!journalSeen && journalExists()) {
      deployment.close();
      deployment = opener.get();
      journalSeen = true;
    }
    return read.apply(deployment);
  }

  private boolean journalExists() {
    return Files.exists(deployment.config().journalFile());
  }

  @Override
  public synchronized void close() {
    deployment.close();
  }
}
