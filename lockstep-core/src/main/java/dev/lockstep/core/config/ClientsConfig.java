package dev.lockstep.core.config;

/**
 * How to learn which client protocol versions are connected, and how many clients use each: an HTTP
 * endpoint and the JSON path of the counts in its answer, or a Prometheus query whose result vector
 * carries the version in a label.
 *
 * @param url the endpoint asked with GET, or the Prometheus server's base URL when {@code query} is
 *     set
 * @param path the JSON path, in {@code url}'s answer, of the counts: an object {@code {"2": 14}} or
 *     a list {@code [{"protocol": "2", "count": 14}]}; null for Prometheus
 * @param query the PromQL instant query; null for an HTTP endpoint
 * @param label the label of the query's result that gives the protocol version; null for HTTP
 * @param policy what the gate does when clients would lose service
 */
public record ClientsConfig(
    String url, String path, String query, String label, GatePolicy policy) {

  public static final String DEFAULT_LABEL = "protocol";

  public ClientsConfig {
    policy = policy == null ? GatePolicy.BLOCK : policy;
  }

  public static ClientsConfig http(String url, String path, GatePolicy policy) {
    return new ClientsConfig(url, path, null, null, policy);
  }

  public static ClientsConfig prometheus(
      String url, String query, String label, GatePolicy policy) {
    return new ClientsConfig(url, null, query, label == null ? DEFAULT_LABEL : label, policy);
  }

  public boolean prometheus() {
    return query != null;
  }
}
