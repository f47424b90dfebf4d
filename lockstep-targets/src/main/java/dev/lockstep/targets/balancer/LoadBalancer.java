package dev.lockstep.targets.balancer;

import java.time.Duration;
import java.util.Optional;

/**
 * What a rolling upgrade needs from the load balancer in front of its nodes: take one node out of
 * rotation, watch its in-flight work finish, and put it back. Nodes are named as the deployment
 * names them; each balancer maps a node to its own name for it.
 *
 * <p>Every method throws {@link BalancerException}, saying what to fix, when the balancer refuses
 * or cannot be reached.
 */
public interface LoadBalancer {
  /** How often {@link #awaitDrained} asks for the in-flight count. */
  Duration POLL_INTERVAL = Duration.ofMillis(100);

  /** What messages call this balancer: {@code HAProxy at /run/haproxy/admin.sock, backend app}. */
  String describe();

  /** No new connections or sessions for {@code node}; those it has may finish. */
  void drain(String node);

  /** Nothing at all for {@code node}, health checks included: it is about to be stopped. */
  void maint(String node);

  /** {@code node} back in rotation; the balancer may still wait for its health checks. */
  void ready(String node);

  /** The work {@code node} is doing for clients through the balancer right now. */
  int inFlight(String node);

  /** What the balancer says of {@code node}; empty when this kind of balancer cannot tell. */
  Optional<ServerState> state(String node);

  /** Polls {@link #inFlight} until it is zero or {@code deadline} has passed. */
  default DrainResult awaitDrained(String node, Duration deadline) {
    return new DrainWait(this, POLL_INTERVAL).until(node, deadline);
  }
}
