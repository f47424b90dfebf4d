package dev.lockstep.engine.rolling;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.Placeholders;
import dev.lockstep.core.config.RolloutConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.balancer.DrainResult;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replaces one node the careful way: out of rotation, in-flight work finished, stopped, the release
 * installed, started, ready, back in rotation. A node that already runs the release is only made
 * ready and put back, so that a resumed roll repeats no restart and leaves no node drained.
 */
final class NodeRoll {
  private static final Duration POLL = Duration.ofMillis(50);

  /** How often the ready URL of a starting node is asked: one HTTP request, often refused. */
  private static final Duration READY_POLL = Duration.ofMillis(20);

  /**
   * How often a node back in rotation is asked whether it is still ready: each time may start the
   * target's version command, which takes CPU from the node while it warms up.
   */
  private static final Duration WATCH_POLL = Duration.ofMillis(500);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Toolbox tools;
  private final RolloutConfig rollout;
  private final RollProgress progress;
  private HttpClient http;

  NodeRoll(Toolbox tools, RollProgress progress) {
    this.tools = tools;
    this.rollout = tools.config().rollout();
    this.progress = progress;
  }

  /** The client that asks the ready URL, made the first time it is needed. */
  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(REQUEST_TIMEOUT)
              .build();
    }
    return http;
  }

  /**
   * Puts {@code release} on {@code node} of {@code service}.
   *
   * @return one line for the report: "web-1 drained in 0.4s, on 2.4.0 in 3.1s"
   */
  String replace(ServiceConfig service, String node, ReleaseManifest release) {
    ServiceConfig one = service.onNodes(List.of(node));
    String version = release.version().toString();
    long started = System.nanoTime();
    Optional<LoadBalancer> balancer = balancerOf(node);
    String drained = "";
    if (!runs(one, version)) {
      // While the node still serves: on a host, the release file's copy is then already there.
      tools.target().prepare(one, release);
      if (balancer.isPresent()) {
        drained = drain(service, node, balancer.get()) + ", ";
      }
      progress.phase(service.name(), node, "stopping");
      tools.target().stop(one);
      progress.phase(service.name(), node, "installing " + version);
      tools.target().install(one, release);
      progress.phase(service.name(), node, "starting " + version);
      tools.target().start(one, release);
    }
    awaitReady(service, one, node, version, balancer);
    progress.done(service.name(), node);
    return drained
        + node
        + " on "
        + version
        + " in "
        + Durations.format(Duration.ofNanos(System.nanoTime() - started));
  }

  /** The balancer, when it fronts {@code node}: all nodes, unless it names the ones it fronts. */
  private Optional<LoadBalancer> balancerOf(String node) {
    BalancerConfig config = tools.config().balancer();
    if (tools.balancer() == null || config == null) {
      return Optional.empty();
    }
    return config.fronts(node) ? Optional.of(tools.balancer()) : Optional.empty();
  }

  private String drain(ServiceConfig service, String node, LoadBalancer balancer) {
    progress.phase(service.name(), node, "draining");
    balancer.drain(node);
    DrainResult result = balancer.awaitDrained(node, tools.config().balancer().deadline());
    if (!result.drained()) {
      throw new LockstepException(
          ErrorCode.TARGET_FAILED,
          service.name()
              + "@"
              + node
              + ": "
              + result.describe()
              + " ("
              + balancer.describe()
              + "). The node was not stopped. Fix: let its long-running work finish and resume,"
              + " or raise balancer.deadline.");
    }
    progress.drained(service.name(), node);
    balancer.maint(node);
    return result.describe();
  }

  /**
   * Waits until the node runs {@code version} (as far as the target can tell) and answers the ready
   * URL, puts it back in rotation, waits until the balancer has it up, and then watches it stay so
   * for {@code rollout.minReady}. A node that does not get there in {@code rollout.readyTimeout},
   * or fails while watched, is taken out of rotation again, and the roll stops naming the check
   * that failed.
   */
  private void awaitReady(
      ServiceConfig service,
      ServiceConfig one,
      String node,
      String version,
      Optional<LoadBalancer> balancer) {
    progress.phase(service.name(), node, "waiting until ready");
    long deadline = System.nanoTime() + rollout.readyTimeout().toNanos();
    String problem = awaitRunning(one, node, version, deadline);
    if (problem == null && balancer.isPresent()) {
      progress.phase(service.name(), node, "back in rotation");
      balancer.get().ready(node);
      problem = pollUntil(deadline, POLL, () -> notUp(balancer.get(), node));
      if (problem != null) {
        balancer.get().maint(node);
      }
    }
    if (problem != null) {
      throw notReadyFailure(
          service,
          node,
          balancer,
          "did not become ready on "
              + version
              + " within "
              + Durations.format(rollout.readyTimeout())
              + ": "
              + problem);
    }
    if (!rollout.minReady().isZero()) {
      progress.phase(
          service.name(),
          node,
          "back in rotation, watched for " + Durations.format(rollout.minReady()));
      problem = staysReady(one, node, version, balancer);
      if (problem != null) {
        balancer.ifPresent(b -> b.maint(node));
        throw notReadyFailure(
            service,
            node,
            balancer,
            "was ready on "
                + version
                + " but did not stay ready for "
                + Durations.format(rollout.minReady())
                + ": "
                + problem);
      }
    }
  }

  private static LockstepException notReadyFailure(
      ServiceConfig service, String node, Optional<LoadBalancer> balancer, String what) {
    return new LockstepException(
        ErrorCode.CHECK_FAILED,
        service.name()
            + "@"
            + node
            + " "
            + what
            + (balancer.isPresent() ? ". It is out of rotation; " : ". ")
            + "the roll stops here.");
  }

  /**
   * Asks, every {@link #WATCH_POLL} for {@code rollout.minReady}, whether the node is still ready
   * and up in the balancer: why not and since when, or null when it stayed so.
   */
  private String staysReady(
      ServiceConfig one, String node, String version, Optional<LoadBalancer> balancer) {
    long from = System.nanoTime();
    long until = from + rollout.minReady().toNanos();
    while (true) {
      String problem = notReady(one, node, version);
      if (problem == null && balancer.isPresent()) {
        problem = notUp(balancer.get(), node);
      }
      long now = System.nanoTime();
      if (problem != null) {
        return "after " + Durations.format(Duration.ofNanos(now - from)) + ", " + problem;
      }
      if (now >= until) {
        return null;
      }
      sleep(Math.min(WATCH_POLL.toNanos(), until - now));
    }
  }

  /**
   * Waits until the node answers the ready URL and runs {@code version} as far as the target can
   * tell: why not, or null once it does. The target is asked once while the node starts, and again
   * only if it did not say so then; the ready URL, one HTTP request, is asked every {@link
   * #READY_POLL}, where asking the target may start a process (a version command) that competes
   * with the node's own start-up.
   */
  private String awaitRunning(ServiceConfig one, String node, String version, long deadline) {
    String targetSaid = targetProblem(one, version);
    String problem = pollUntil(deadline, READY_POLL, () -> readyUrlProblem(node));
    if (problem != null || targetSaid == null) {
      return problem;
    }
    return pollUntil(deadline, POLL, () -> targetProblem(one, version));
  }

  /**
   * Asks {@code problem} every {@code every} until it has none (null) or {@code deadline} has
   * passed; the last one.
   */
  private static String pollUntil(long deadline, Duration every, Supplier<String> problem) {
    while (true) {
      String now = problem.get();
      if (now == null || System.nanoTime() > deadline) {
        return now;
      }
      sleep(every.toNanos());
    }
  }

  /** Why the balancer does not have the node up, or null when it does (or cannot tell). */
  private static String notUp(LoadBalancer balancer, String node) {
    Optional<ServerState> state = balancer.state(node);
    return state.isEmpty() || state.get().upAndReady()
        ? null
        : "the balancer says " + state.get().describe();
  }

  /** Why the node is not ready, or null when it is: the ready URL first, then the target. */
  private String notReady(ServiceConfig one, String node, String version) {
    String answer = readyUrlProblem(node);
    return answer != null ? answer : targetProblem(one, version);
  }

  /** Why the target does not say the node runs {@code version}, or null when it does. */
  private String targetProblem(ServiceConfig one, String version) {
    NodeStatus status = tools.target().status(one).nodes().get(0);
    if (!status.running()) {
      return "it is not running" + (status.detail() == null ? "" : " (" + status.detail() + ")");
    }
    if (status.version() != null && !status.version().equals(version)) {
      return "it runs " + status.version();
    }
    return null;
  }

  /** What the ready URL answered if not 2xx; null when it did, or when there is none to ask. */
  private String readyUrlProblem(String node) {
    BalancerConfig balancer = tools.config().balancer();
    if (rollout.ready() == null || balancer != null && !balancer.fronts(node)) {
      return null;
    }
    Map<String, String> values =
        balancer == null ? Map.of("node", node) : balancer.node(node).placeholders();
    String url = Placeholders.render(rollout.ready(), values);
    try {
      HttpResponse<Void> response =
          http()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? null
          : "GET " + url + " answered " + response.statusCode();
    } catch (IOException e) {
      return "GET " + url + " failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + node, e);
    }
  }

  /** Whether the node runs {@code version} already, as far as the target can tell. */
  private boolean runs(ServiceConfig one, String version) {
    NodeStatus status = tools.target().status(one).nodes().get(0);
    return status.running() && version.equals(status.version());
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a node", e);
    }
  }
}
