package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks the templates of the {@code http} and {@code command} balancers: the required ones are
 * there, they use only {@link BalancerConfig#PLACEHOLDERS}, and URLs are http(s) URLs.
 */
final class BalancerTemplates {
  private final ProblemCollector problems;

  BalancerTemplates(ProblemCollector problems) {
    this.problems = problems;
  }

  BalancerConfig.Http http(ConfigDocument.BalancerHttp doc) {
    String section = "balancer.http";
    if (doc == null) {
      problems.add(
          section,
          "is required for the http balancer.",
          "give the product's drain endpoint and in-flight count, e.g. http: {drain:"
              + " 'http://{host}:{port}/admin/drain', inFlight: 'http://{host}:{port}/admin/stats',"
              + " inFlightPath: $.inFlight}.");
      return null;
    }
    url(doc.drain(), section + ".drain", true);
    url(doc.ready(), section + ".ready", false);
    url(doc.maint(), section + ".maint", false);
    url(doc.inFlight(), section + ".inFlight", true);
    String path = doc.inFlightPath();
    if (path == null || path.isBlank()) {
      problems.add(
          section + ".inFlightPath",
          "is required but missing.",
          "give the JSON path of the in-flight count in inFlight's response, e.g. $.inFlight.");
    } else if (JsonPathPointer.of(path).isEmpty()) {
      problems.add(
          section + ".inFlightPath",
          "'" + path + "' is not a JSON path to one value.",
          "start it at the document's root and name each step, e.g. $.inFlight,"
              + " $.work.running or $.nodes[0].inFlight.");
    }
    return new BalancerConfig.Http(
        doc.drain(), doc.ready(), doc.maint(), doc.inFlight(), doc.inFlightPath());
  }

  BalancerConfig.Command command(ConfigDocument.BalancerCommand doc) {
    String section = "balancer.command";
    if (doc == null) {
      problems.add(
          section,
          "is required for the command balancer.",
          "give the drain, ready, maint and inFlight commands, e.g. command: {drain: 'lbctl"
              + " drain {server}', ...}.");
      return null;
    }
    command(doc.drain(), section + ".drain", true);
    command(doc.ready(), section + ".ready", true);
    command(doc.maint(), section + ".maint", true);
    command(doc.inFlight(), section + ".inFlight", true);
    command(doc.state(), section + ".state", false);
    return new BalancerConfig.Command(
        doc.drain(),
        doc.ready(),
        doc.maint(),
        doc.inFlight(),
        doc.state(),
        problems.duration(
            doc.timeout(), section + ".timeout", BalancerConfig.Command.DEFAULT_TIMEOUT));
  }

  /** A template that uses {@code {port}} needs every node's port. */
  void portsKnown(BalancerConfig config, Set<String> serviceNodes) {
    Map<String, String> templates = new LinkedHashMap<>();
    if (config.http() != null) {
      BalancerConfig.Http http = config.http();
      put(templates, "balancer.http.drain", http.drain());
      put(templates, "balancer.http.ready", http.ready());
      put(templates, "balancer.http.maint", http.maint());
      put(templates, "balancer.http.inFlight", http.inFlight());
    }
    if (config.command() != null) {
      BalancerConfig.Command command = config.command();
      put(templates, "balancer.command.drain", command.drain());
      put(templates, "balancer.command.ready", command.ready());
      put(templates, "balancer.command.maint", command.maint());
      put(templates, "balancer.command.inFlight", command.inFlight());
      put(templates, "balancer.command.state", command.state());
    }
    templates.entrySet().stream()
        .filter(template -> template.getValue().contains("{port}"))
        .findFirst()
        .ifPresent(
            template ->
                serviceNodes.stream()
                    .filter(node -> config.node(node).port() == null)
                    .forEach(
                        node ->
                            problems.add(
                                "balancer.nodes." + node + ".port",
                                "is required: " + template.getKey() + " uses {port}.",
                                "give the port node "
                                    + node
                                    + "'s product listens on, e.g. nodes: {"
                                    + node
                                    + ": {port: 8080}}.")));
  }

  private static void put(Map<String, String> templates, String field, String template) {
    if (template != null) {
      templates.put(field, template);
    }
  }

  private void url(String template, String field, boolean required) {
    if (!present(template, field, required, "a URL such as http://{host}:{port}/admin/drain")) {
      return;
    }
    // A port must be digits; every other placeholder fills a host or a path.
    String example = template.replace("{port}", "1").replaceAll("\\{[A-Za-z][A-Za-z0-9_]*}", "x1");
    try {
      URI uri = new URI(example);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new URISyntaxException(template, "not an http(s) URL");
      }
    } catch (URISyntaxException e) {
      problems.add(
          field,
          "'" + template + "' is not an http or https URL.",
          "write a whole URL, e.g. http://{host}:{port}/admin/drain.");
    }
  }

  private void command(String template, String field, boolean required) {
    present(template, field, required, "a shell command, e.g. lbctl drain {server}");
  }

  /** True when the template is there and uses only known placeholders. */
  private boolean present(String template, String field, boolean required, String example) {
    if (template == null) {
      if (required) {
        problems.add(field, "is required but missing.", "give " + example + ".");
      }
      return false;
    }
    if (template.isBlank()) {
      problems.add(field, "is blank.", "give " + example + (required ? "." : ", or remove it."));
      return false;
    }
    Set<String> unknown = Placeholders.unknownIn(template, BalancerConfig.PLACEHOLDERS);
    unknown.forEach(
        name ->
            problems.add(
                field,
                "uses the unknown placeholder {" + name + "}.",
                "use only {node}, {server}, {host} and {port}."));
    return unknown.isEmpty();
  }
}
