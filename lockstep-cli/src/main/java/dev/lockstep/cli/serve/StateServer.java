package dev.lockstep.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.LiveStatus;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.engine.watch.WatchSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lockstep serve}'s HTTP server (the JDK's own): read-only pages and a JSON API over a
 * deployment's state folder, and the rollback action when one is given. Requests are answered one
 * at a time, on the server's thread.
 */
public final class StateServer implements AutoCloseable {
  private static final Pattern RUN = Pattern.compile("/runs/([A-Za-z0-9._-]+)");
  private static final Pattern API_RUN = Pattern.compile("/api/runs/([A-Za-z0-9._-]+)");
  private static final Pattern API_WATCH = Pattern.compile("/api/runs/([A-Za-z0-9._-]+)/watch");
  private static final Pattern ROLLBACK = Pattern.compile("/api/runs/([A-Za-z0-9._-]+)/rollback");

  private static final String NO_WATCH =
      "No watch: the release installed was not installed by an upgrade that is watched (or the"
          + " config has no watch section). Runs are listed on /.";

  /** The header a rollback request types the run id again in, to confirm. */
  static final String CONFIRM = "X-Lockstep-Confirm";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final StateSource state;
  private final Responses responses;
  private final Optional<RollbackAction> rollback;
  private final Set<String> hosts;
  private final Clock clock;

  private StateServer(
      HttpServer server,
      StateSource state,
      SecretRegistry secrets,
      Optional<RollbackAction> rollback,
      Set<String> hosts,
      Clock clock) {
    this.server = server;
    this.state = state;
    this.responses = new Responses(secrets);
    this.rollback = rollback;
    this.hosts = hosts;
    this.clock = clock;
  }

  /**
   * Starts serving {@code state} on {@code address} (port 0: any free one).
   *
   * @param hosts the host names a request may be addressed to (its Host header, without the port),
   *     so that a page of another site cannot reach this server by renaming itself (DNS rebinding);
   *     empty: any
   */
  public static StateServer start(
      InetSocketAddress address,
      StateSource state,
      SecretRegistry secrets,
      Optional<RollbackAction> rollback,
      Set<String> hosts,
      Clock clock) {
    try {
      HttpServer server = HttpServer.create(address, 0);
      StateServer served = new StateServer(server, state, secrets, rollback, hosts, clock);
      server.createContext("/", served::handle);
      server.start();
      return served;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
  }

  public URI uri() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
        responses.error(exchange, 421, "This server answers only to the address it printed.");
        return;
      }
      route(exchange, exchange.getRequestURI().getPath());
    } catch (RuntimeException e) {
      responses.error(exchange, 500, "lockstep serve could not read the state: " + e.getMessage());
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    Matcher rollbackPath = ROLLBACK.matcher(path);
    if (rollbackPath.matches()) {
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        responses.error(exchange, 405, "Rolling back is a POST.");
        return;
      }
      rollBack(exchange, rollbackPath.group(1));
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      responses.error(exchange, 405, "Only GET: everything but the rollback action only reads.");
      return;
    }
    String nonce = nonce();
    Matcher run = RUN.matcher(path);
    Matcher apiRun = API_RUN.matcher(path);
    Matcher apiWatch = API_WATCH.matcher(path);
    switch (path) {
      case "/" -> responses.html(exchange, state.read(d -> home(d, nonce)), nonce);
      case "/live" -> responses.html(exchange, LivePage.render(nonce), nonce);
      case "/backups" ->
          responses.html(
              exchange,
              StatePages.backups(state.read(d -> d.backups().list()), clock.instant(), nonce),
              nonce);
      case "/watch" -> {
        Optional<WatchReport> watch = state.read(StateServer::installedWatch);
        if (watch.isPresent()) {
          responses.html(exchange, StatePages.watch(watch.get(), nonce), nonce);
        } else {
          responses.error(exchange, 404, NO_WATCH);
        }
      }
      case "/api/watch" -> {
        Optional<WatchSummary> watch = state.read(Deployment::watchSummary);
        if (watch.isPresent()) {
          responses.json(exchange, 200, watch.get());
        } else {
          responses.error(exchange, 404, NO_WATCH);
        }
      }
      case "/api/status" -> responses.json(exchange, 200, state.read(Deployment::liveStatus));
      case "/api/runs" -> responses.json(exchange, 200, state.read(Deployment::history));
      case "/api/backups" -> responses.json(exchange, 200, state.read(d -> d.backups().list()));
      case "/favicon.ico" -> responses.empty(exchange, 204);
      default -> {
        if (run.matches()) {
          Optional<String> page = state.read(d -> runPage(d, run.group(1), nonce));
          if (page.isPresent()) {
            responses.html(exchange, page.get(), nonce);
            return;
          }
        } else if (apiWatch.matches()) {
          Optional<WatchReport> watch = state.read(d -> d.watchReport(apiWatch.group(1)));
          if (watch.isPresent()) {
            responses.json(exchange, 200, WatchJson.of(watch.get()));
            return;
          }
        } else if (apiRun.matches()) {
          Optional<RunReport> report = state.read(d -> find(d, apiRun.group(1)));
          if (report.isPresent()) {
            responses.json(exchange, 200, report.get());
            return;
          }
        }
        responses.error(exchange, 404, "Nothing here: " + path + ". The runs are listed on /.");
      }
    }
  }

  private String home(Deployment deployment, String nonce) {
    return StatePages.home(
        deployment.liveStatus(),
        deployment.history(),
        deployment.watchSummary(),
        deployment.rollbackNow(),
        nonce);
  }

  /** The watch of the upgrade that installed the release, if it has one. */
  private static Optional<WatchReport> installedWatch(Deployment deployment) {
    return Optional.ofNullable(deployment.liveStatus().installedBy())
        .flatMap(deployment::watchReport);
  }

  private Optional<String> runPage(Deployment deployment, String runId, String nonce) {
    return find(deployment, runId)
        .map(
            report -> {
              LiveStatus status = deployment.liveStatus();
              boolean offered =
                  rollback.isPresent()
                      && status.running() == null
                      && runId.equals(status.installedBy());
              String panel = offered ? RollbackPanel.render(runId, status.installed(), nonce) : "";
              return StatePages.run(report, deployment.watchReport(runId), panel, nonce);
            });
  }

  private static Optional<RunReport> find(Deployment deployment, String runId) {
    return deployment.history().stream().filter(r -> r.runId().equals(runId)).findFirst();
  }

  private void rollBack(HttpExchange exchange, String runId) throws IOException {
    if (rollback.isEmpty()) {
      responses.error(
          exchange,
          403,
          "Actions are off: this `lockstep serve` only reads. Start it with --allow-actions to"
              + " offer the rollback.");
      return;
    }
    String confirm = exchange.getRequestHeaders().getFirst(CONFIRM);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    RollbackAction.Outcome outcome =
        state.read(d -> rollback.get().request(runId, authorization, confirm, d.liveStatus()));
    responses.json(exchange, outcome.status(), outcome.body());
  }

  private boolean hostAllowed(String host) {
    if (hosts.isEmpty()) {
      return true;
    }
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host;
    int colon = name.startsWith("[") ? -1 : name.lastIndexOf(':');
    return hosts.contains(colon < 0 ? name : name.substring(0, colon));
  }

  private static String nonce() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
