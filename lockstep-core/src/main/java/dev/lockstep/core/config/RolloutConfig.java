package dev.lockstep.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * How an upgrade replaces the running nodes ({@code rollout}): all at once with the services down,
 * or one batch at a time behind the load balancer while the others serve.
 *
 * @param strategy what the operator asks for; {@link Strategy#AUTO} rolls when the plan allows it
 * @param batch how many nodes of a service are replaced at once; null when {@code maxUnavailable}
 *     gives it
 * @param maxUnavailablePercent the share of a service's nodes replaced at once, 1 to 100; null when
 *     {@code batch} gives it
 * @param ready a URL template over the balancer's placeholders ({@code {node}}, {@code {server}},
 *     {@code {host}}, {@code {port}}) that answers 2xx once a restarted node the balancer fronts is
 *     ready, asked before the node goes back in rotation; null to rely on the target and the
 *     balancer alone
 * @param readyTimeout how long a restarted node may take to be ready and back in rotation
 * @param minReady how long a node back in rotation must stay ready and up in the balancer before
 *     the roll moves on (Kubernetes' {@code minReadySeconds}): a node that fails under its first
 *     real traffic stops the roll; zero moves on at once
 */
public record RolloutConfig(
    Strategy strategy,
    Integer batch,
    Integer maxUnavailablePercent,
    String ready,
    Duration readyTimeout,
    Duration minReady) {

  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(2);

  public RolloutConfig {
    if (minReady == null) {
      minReady = Duration.ZERO;
    }
  }

  /** Downtime for everything, unless a load balancer is configured: then rolling when allowed. */
  public static RolloutConfig defaults(boolean balancer) {
    return new RolloutConfig(
        balancer ? Strategy.AUTO : Strategy.DOWNTIME,
        1,
        null,
        null,
        DEFAULT_READY_TIMEOUT,
        Duration.ZERO);
  }

  /** How many of a service's {@code nodes} are replaced at once: at least one. */
  public int batchOf(int nodes) {
    return batchOf(nodes, batch, maxUnavailablePercent);
  }

  /** How many of {@code nodes} are replaced at once, given a node count or a share (one is set). */
  public static int batchOf(int nodes, Integer batch, Integer maxUnavailablePercent) {
    if (batch != null) {
      return Math.max(1, Math.min(batch, nodes));
    }
    int percent = maxUnavailablePercent == null ? 0 : maxUnavailablePercent;
    int share = (int) Math.ceil(nodes * percent / 100.0);
    return Math.max(1, Math.min(share, nodes));
  }

  /** For plans and reports: "batch 2" or "maxUnavailable 25%". */
  public String describeBatch() {
    return batch != null ? "batch " + batch : "maxUnavailable " + maxUnavailablePercent + "%";
  }

  public enum Strategy {
    /** Stop every service, migrate, start every service: downtime for everyone. */
    DOWNTIME,
    /** Node by node (or batch by batch) behind the load balancer; refused when unsafe. */
    ROLLING,
    /** Rolling when the plan allows it, else downtime, saying why. */
    AUTO;

    /** As the config and the command line write it. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy {@code text} names, or null. */
    public static Strategy parse(String text) {
      for (Strategy strategy : values()) {
        if (strategy.key().equalsIgnoreCase(text.strip())) {
          return strategy;
        }
      }
      return null;
    }
  }
}
