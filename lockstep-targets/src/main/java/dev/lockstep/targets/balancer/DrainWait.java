package dev.lockstep.targets.balancer;

import java.time.Duration;

/** Polls a node's in-flight count until it is zero or a deadline has passed. */
final class DrainWait {
  private final LoadBalancer balancer;
  private final Duration interval;

  DrainWait(LoadBalancer balancer, Duration interval) {
    this.balancer = balancer;
    this.interval = interval;
  }

  DrainResult until(String node, Duration deadline) {
    long started = System.nanoTime();
    int polls = 0;
    while (true) {
      int inFlight = balancer.inFlight(node);
      polls++;
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (inFlight == 0 || took.compareTo(deadline) >= 0) {
        return new DrainResult(node, inFlight == 0, took, inFlight, polls);
      }
      sleep(min(interval, deadline.minus(took)));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(Math.max(1, pause.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a node to drain", e);
    }
  }
}
