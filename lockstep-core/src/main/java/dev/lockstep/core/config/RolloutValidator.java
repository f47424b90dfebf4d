package dev.lockstep.core.config;

import dev.lockstep.core.config.RolloutConfig.Strategy;
import dev.lockstep.core.yaml.ProblemCollector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Checks the {@code rollout} section: the strategy, the batch size, the ready URL and how long a
 * node waits to be ready and then stays ready.
 */
final class RolloutValidator {
  private static final String FIELD = "rollout";

  private final ProblemCollector problems;

  RolloutValidator(ProblemCollector problems) {
    this.problems = problems;
  }

  /**
   * @param balancer the config's load balancer, or null: rolling needs one
   * @param serviceNodes every node a service runs on
   */
  RolloutConfig validate(
      ConfigDocument.Rollout doc, BalancerConfig balancer, java.util.Set<String> serviceNodes) {
    RolloutConfig defaults = RolloutConfig.defaults(balancer != null);
    if (doc == null) {
      return defaults;
    }
    Strategy strategy = strategy(doc.strategy(), defaults.strategy());
    if (strategy == Strategy.ROLLING && balancer == null) {
      problems.add(
          FIELD + ".strategy",
          "is rolling, but no balancer is configured: a node cannot leave rotation.",
          "add a balancer section (haproxy, http or command), or use strategy: downtime.");
    }
    Integer batch = doc.batch();
    Integer percent = null;
    if (batch != null && doc.maxUnavailable() != null) {
      problems.add(
          FIELD + ".maxUnavailable",
          "is given beside batch; only one of them can size a batch.",
          "keep batch (a node count) or maxUnavailable (a node count or a percentage), not both.");
    } else if (doc.maxUnavailable() != null) {
      String text = doc.maxUnavailable().strip();
      if (text.matches("[0-9]{1,3}%")) {
        percent = Integer.parseInt(text.substring(0, text.length() - 1));
        if (percent < 1 || percent > 100) {
          problems.add(
              FIELD + ".maxUnavailable", "'" + text + "' is not 1% to 100%.", "use e.g. 25%.");
        }
      } else if (text.matches("[0-9]{1,9}")) {
        batch = Integer.parseInt(text);
      } else {
        problems.add(
            FIELD + ".maxUnavailable",
            "'" + text + "' is neither a node count nor a percentage.",
            "write a count such as 2 or a share such as 25%.");
      }
    }
    if (batch != null && batch < 1) {
      problems.add(
          FIELD + (doc.batch() != null ? ".batch" : ".maxUnavailable"),
          batch + " nodes at a time would replace none.",
          "use 1 or more.");
    }
    if (batch == null && percent == null) {
      batch = 1;
    }
    if (doc.ready() != null) {
      readyUrl(doc.ready());
      if (doc.ready().contains("{port}") && balancer != null) {
        serviceNodes.stream()
            .filter(node -> balancer.fronts(node) && balancer.node(node).port() == null)
            .forEach(
                node ->
                    problems.add(
                        "balancer.nodes." + node + ".port",
                        "is required: rollout.ready uses {port}.",
                        "give the port node " + node + "'s product listens on."));
      }
    }
    return new RolloutConfig(
        strategy,
        batch,
        percent,
        doc.ready(),
        problems.duration(
            doc.readyTimeout(), FIELD + ".readyTimeout", RolloutConfig.DEFAULT_READY_TIMEOUT),
        problems.duration(doc.minReady(), FIELD + ".minReady", Duration.ZERO));
  }

  private Strategy strategy(String text, Strategy fallback) {
    if (text == null) {
      return fallback;
    }
    Strategy strategy = Strategy.parse(text);
    if (strategy == null) {
      problems.add(
          FIELD + ".strategy",
          "'" + text + "' is not a strategy.",
          "write downtime, rolling or auto (rolling when the plan allows it).");
      return fallback;
    }
    return strategy;
  }

  private void readyUrl(String template) {
    String unknown =
        String.join(", ", Placeholders.unknownIn(template, BalancerConfig.PLACEHOLDERS));
    if (!unknown.isEmpty()) {
      problems.add(
          FIELD + ".ready",
          "uses " + unknown + ", which a node does not have.",
          "use {node}, {server}, {host} or {port}.");
      return;
    }
    String example = template.replace("{port}", "1").replaceAll("\\{[A-Za-z][A-Za-z0-9_]*}", "x1");
    try {
      URI uri = new URI(example);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new URISyntaxException(template, "not an http(s) URL");
      }
    } catch (URISyntaxException e) {
      problems.add(
          FIELD + ".ready",
          "'" + template + "' is not an http or https URL.",
          "write a whole URL, e.g. http://{host}:{port}/.status.");
    }
  }
}
