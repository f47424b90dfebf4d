package dev.lockstep.core.config;

/**
 * How to learn which extensions (MCP servers, plugins) are installed and the protocol range each
 * supports: an HTTP endpoint and the JSON path of the list in its answer, or a shell command
 * printing the list. Either way the list is JSON, {@code [{"name": "search-mcp", "protocols": ">=2
 * <4"}]}, each range written as npm writes ranges.
 *
 * @param url the endpoint asked with GET; null when {@code command} lists them
 * @param path the JSON path of the list in {@code url}'s answer
 * @param command a shell command run in the config's folder printing the JSON list; null when
 *     {@code url} lists them
 * @param policy what the gate does when an extension does not support the new release
 */
public record ExtensionsConfig(String url, String path, String command, GatePolicy policy) {

  public ExtensionsConfig {
    policy = policy == null ? GatePolicy.BLOCK : policy;
  }

  public static ExtensionsConfig http(String url, String path, GatePolicy policy) {
    return new ExtensionsConfig(url, path, null, policy);
  }

  public static ExtensionsConfig command(String command, GatePolicy policy) {
    return new ExtensionsConfig(null, null, command, policy);
  }
}
