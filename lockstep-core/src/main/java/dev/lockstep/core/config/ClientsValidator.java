package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;

/**
 * Checks the {@code clients} section: exactly one source, an HTTP endpoint with the JSON path of
 * the counts or a Prometheus server with its query, and the policy.
 */
final class ClientsValidator {
  private static final String FIELD = "clients";
  private static final String EXAMPLE =
      "e.g. clients: {http: {url: 'http://127.0.0.1:8081/admin/clients', path: $.protocols}} or"
          + " clients: {prometheus: {url: 'http://127.0.0.1:9090', query: 'sum by (protocol)"
          + " (app_connected_clients)', label: protocol}}";

  private final ProblemCollector problems;
  private final ProbeRules rules;

  ClientsValidator(ProblemCollector problems) {
    this.problems = problems;
    this.rules = new ProbeRules(problems);
  }

  ClientsConfig validate(ConfigDocument.Clients doc) {
    if (doc == null) {
      return null;
    }
    GatePolicy policy = rules.policy(doc.policy(), FIELD + ".policy");
    if (doc.http() != null && doc.prometheus() != null) {
      problems.add(
          FIELD,
          "has both http and prometheus; Lockstep would not know which one to believe.",
          "keep one of them.");
      return null;
    }
    if (doc.prometheus() != null) {
      ConfigDocument.Prometheus prometheus = doc.prometheus();
      String url =
          rules.url(
              prometheus.url(),
              FIELD + ".prometheus.url",
              "the Prometheus server, e.g. http://127.0.0.1:9090");
      if (prometheus.query() == null || prometheus.query().isBlank()) {
        problems.add(
            FIELD + ".prometheus.query",
            "is required but missing.",
            "give the PromQL query counting connected clients by protocol version, e.g. 'sum by"
                + " (protocol) (app_connected_clients)'.");
      }
      if (prometheus.label() != null && prometheus.label().isBlank()) {
        problems.add(
            FIELD + ".prometheus.label",
            "is empty.",
            "name the label that carries the protocol version, e.g. label: protocol.");
      }
      return ClientsConfig.prometheus(url, prometheus.query(), prometheus.label(), policy);
    }
    if (doc.http() == null) {
      problems.add(FIELD, "declares no source.", "add http or prometheus, " + EXAMPLE + ".");
      return null;
    }
    String url =
        rules.url(
            doc.http().url(),
            FIELD + ".http.url",
            "the endpoint counting connected clients by protocol version, http://host:port/path");
    String path = rules.path(doc.http().path(), FIELD + ".http.path", "$.protocols");
    return ClientsConfig.http(url, path, policy);
  }
}
