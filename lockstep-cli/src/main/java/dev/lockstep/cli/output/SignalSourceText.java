package dev.lockstep.cli.output;

import dev.lockstep.core.config.SignalSource;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A watched signal's source as pages and the JSON of {@code lockstep serve} show it: by kind and
 * host only, since a URL's path, query or user may hold a token.
 */
public final class SignalSourceText {
  private SignalSourceText() {}

  /** E.g. "http_errors_total on 127.0.0.1:8080", "Prometheus on prometheus:9090". */
  public static String describe(SignalSource source) {
    String host = host(source.url());
    if (source instanceof SignalSource.Metrics metrics) {
      return metrics.metric() + " on " + host;
    }
    if (source instanceof SignalSource.Json json) {
      return json.path() + " on " + host;
    }
    return "Prometheus on " + host;
  }

  /** The URL's host and port, nothing else of it. */
  public static String host(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        return "an address with no host";
      }
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (URISyntaxException | NullPointerException e) {
      return "an address that is not a URL";
    }
  }
}
