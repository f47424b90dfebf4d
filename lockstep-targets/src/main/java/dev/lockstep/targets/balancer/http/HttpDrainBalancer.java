package dev.lockstep.targets.balancer.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.JsonPathPointer;
import dev.lockstep.core.config.Placeholders;
import dev.lockstep.targets.balancer.BalancerException;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The product's own drain endpoint: a POST takes a node out of rotation (the product stops taking
 * new work, or tells its balancer to), and a GET of a JSON document says how much work it still has
 * in flight.
 */
public final class HttpDrainBalancer implements LoadBalancer {
  /** How long one request may take. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int MAX_BODY_CHARS = 200;

  private final BalancerConfig config;
  private final BalancerConfig.Http http;
  private final HttpClient client;
  private final JsonPointer inFlightAt;

  HttpDrainBalancer(BalancerConfig config, HttpClient client) {
    this.config = config;
    this.http = config.http();
    this.client = client;
    this.inFlightAt =
        JsonPathPointer.of(http.inFlightPath())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "balancer.http.inFlightPath passed validation but is not a path to one"
                            + " value: "
                            + http.inFlightPath()));
  }

  /** The balancer {@code config} describes; its type must be http. */
  public static HttpDrainBalancer of(BalancerConfig config) {
    return new HttpDrainBalancer(
        config,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build());
  }

  @Override
  public String describe() {
    return "the product's drain endpoint " + http.drain().replaceFirst("//[^/@]*@", "//");
  }

  @Override
  public void drain(String node) {
    post(node, http.drain(), "balancer.http.drain");
  }

  /** The product has no maintenance of its own: unless told otherwise, it drains. */
  @Override
  public void maint(String node) {
    if (http.maint() != null) {
      post(node, http.maint(), "balancer.http.maint");
    } else {
      drain(node);
    }
  }

  /** Without a ready URL the product comes back in rotation when it restarts: nothing to send. */
  @Override
  public void ready(String node) {
    if (http.ready() != null) {
      post(node, http.ready(), "balancer.http.ready");
    }
  }

  @Override
  public int inFlight(String node) {
    URI uri = uri(node, http.inFlight(), "balancer.http.inFlight");
    HttpResponse<String> response =
        send(node, HttpRequest.newBuilder(uri).GET(), "balancer.http.inFlight");
    JsonNode count;
    try {
      count = JSON.readTree(response.body()).at(inFlightAt);
    } catch (JsonProcessingException e) {
      throw unexpected(node, uri, "is not JSON: " + excerpt(response.body()));
    }
    if (count.isMissingNode()) {
      throw unexpected(
          node, uri, "has nothing at " + http.inFlightPath() + ": " + excerpt(response.body()));
    }
    if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 0) {
      throw unexpected(node, uri, "has " + count + " at " + http.inFlightPath() + ", not a count");
    }
    return count.asInt();
  }

  /** The product's endpoint knows its work, not what a balancer thinks of it. */
  @Override
  public Optional<ServerState> state(String node) {
    return Optional.empty();
  }

  private void post(String node, String template, String field) {
    URI uri = uri(node, template, field);
    send(node, HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), field);
  }

  private HttpResponse<String> send(String node, HttpRequest.Builder request, String field) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    String what = built.method() + " " + shown(built.uri()) + " (" + field + ") for node " + node;
    HttpResponse<String> response;
    try {
      response = client.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BalancerException(
          node,
          what
              + " failed: "
              + e
              + ". Fix: check that the product runs on "
              + node
              + " and that "
              + field
              + " is its URL.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new BalancerException(
          node,
          what
              + " answered "
              + response.statusCode()
              + ": "
              + excerpt(response.body())
              + " Fix: check "
              + field
              + " against the product's documentation; it must answer 2xx.");
    }
    return response;
  }

  private URI uri(String node, String template, String field) {
    BalancerConfig.BalancerNode known = config.node(node);
    String url = Placeholders.render(template, known.placeholders());
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BalancerException(
          node,
          field
              + " for node "
              + node
              + " is '"
              + url
              + "', not a URL. Fix: give the node a host and port that fit in a URL in"
              + " balancer.nodes."
              + node
              + ".",
          e);
    }
  }

  private BalancerException unexpected(String node, URI uri, String what) {
    return new BalancerException(
        node,
        "GET "
            + shown(uri)
            + " (balancer.http.inFlight) for node "
            + node
            + " "
            + what
            + ". Fix: set balancer.http.inFlightPath to where the product's answer holds its"
            + " in-flight count, e.g. $.inFlight.");
  }

  /** The URI without its user info: a password in a URL is never shown. */
  private static String shown(URI uri) {
    return uri.getUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }

  private static String excerpt(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_BODY_CHARS ? flat : flat.substring(0, MAX_BODY_CHARS) + "...";
  }
}
