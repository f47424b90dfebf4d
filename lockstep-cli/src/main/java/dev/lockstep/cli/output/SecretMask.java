package dev.lockstep.cli.output;

import dev.lockstep.core.secrets.SecretRegistry;

/**
 * The secrets of the deployment a command loaded, for the console: everything the CLI prints goes
 * through a {@link RedactingWriter} that asks this mask, so a secret in any message (a failure, a
 * step's detail, a stack trace) is masked whichever code printed it.
 */
public final class SecretMask {
  private volatile SecretRegistry secrets = SecretRegistry.empty();

  /** Masks {@code more} from now on, as well as what was masked before. */
  public void add(SecretRegistry more) {
    synchronized (this) {
      secrets = secrets.with(more.secrets());
    }
  }

  public String redact(String text) {
    return secrets.redact(text);
  }
}
