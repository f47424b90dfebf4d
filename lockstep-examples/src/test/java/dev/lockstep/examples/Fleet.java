package dev.lockstep.examples;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.HostConfig;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.targets.testing.RealHaproxy;
import dev.lockstep.targets.testing.RealSshd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample product's api as a fleet: three nodes behind a real HAProxy, two on this machine and
 * one ({@code web-3}) on a "host" that is a real sshd on a loopback port, all run by the command
 * target through {@code node.sh}. The database is a fresh one on the tests' PostgreSQL server.
 * Closing stops the nodes, HAProxy and sshd, and removes the folder.
 */
final class Fleet implements AutoCloseable {
  static final List<String> NODES = List.of("web-1", "web-2", "web-3");
  static final String REMOTE_NODE = "web-3";
  static final String WORKER_NODE = "worker-1";

  /** HAProxy's slowstart for the nodes: none, unless the benchmark sets {@code fleet.slowstart}. */
  static final Duration SLOWSTART = Duration.ofMillis(Long.getLong("fleet.slowstart", 0));

  /**
   * The niceness a node's JVM starts and warms up with (its first 15 s; then 0, as the others): 0,
   * unless the benchmark sets {@code fleet.nodeNice} to see how much of a roll's slow requests come
   * from a starting node taking the serving nodes' cores, which a node on a host of its own does
   * not.
   */
  static final int NODE_NICE = Integer.getInteger("fleet.nodeNice", 0);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  final SampleDeployment sample;
  final RealSshd host;
  final RealHaproxy haproxy;
  final Path configFile;
  private final Map<String, Integer> ports;

  private Fleet(
      SampleDeployment sample,
      RealSshd host,
      RealHaproxy haproxy,
      Path configFile,
      Map<String, Integer> ports) {
    this.sample = sample;
    this.host = host;
    this.haproxy = haproxy;
    this.configFile = configFile;
    this.ports = ports;
  }

  /** A fleet whose config rolls with {@code strategy} and waits {@code readyTimeout} for a node. */
  static Fleet create(String strategy, String readyTimeout) {
    return create(strategy, readyTimeout, "0s");
  }

  /**
   * A fleet whose config rolls with {@code strategy}, waits {@code readyTimeout} for a node, and
   * watches each node back in rotation for {@code minReady} before the next.
   */
  static Fleet create(String strategy, String readyTimeout, String minReady) {
    SampleDeployment sample =
        TestSamples.create(
            PostgresExtension.server(),
            "fleet_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet(),
            false);
    RealSshd host = null;
    RealHaproxy haproxy = null;
    try {
      Path folder = sample.folder();
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String node : allNodes()) {
        ports.put(node, LoopbackPorts.next());
        Path dir = Files.createDirectories(folder.resolve("nodes").resolve(node));
        Files.writeString(dir.resolve("port"), ports.get(node) + "\n");
      }
      writeNodeScript(folder, sample.environment());
      host = RealSshd.start();
      haproxy =
          RealHaproxy.start(
              Files.createDirectories(folder.resolve("haproxy")),
              NODES,
              NODES.stream().map(ports::get).toList(),
              "/.status",
              // A check a second: a node is back in rotation within about a second of its start.
              Duration.ofSeconds(1),
              SLOWSTART);
      Path config =
          Files.writeString(
              folder.resolve("lockstep-fleet.yaml"),
              config(
                  folder,
                  host.host(REMOTE_NODE),
                  haproxy,
                  ports,
                  strategy,
                  readyTimeout,
                  minReady));
      return new Fleet(sample, host, haproxy, config, ports);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (haproxy != null) {
        haproxy.close();
      }
      if (host != null) {
        host.close();
      }
      sample.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot set up the fleet", e);
    }
  }

  DeploymentConfig config() {
    return new dev.lockstep.core.config.ConfigLoader(
            Variables.fromEnvironment().with(sample.environment()))
        .load(configFile);
  }

  /** The notes api through HAProxy, as users reach it. */
  NotesClient throughBalancer() {
    return new NotesClient(haproxy.frontendPort());
  }

  int frontendPort() {
    return haproxy.frontendPort();
  }

  /** From now on, {@code node} starts {@code version} with a wrong database password: unhealthy. */
  void breakNode(String node, String version) throws IOException {
    Files.writeString(
        sample.folder().resolve("nodes").resolve(node).resolve("broken-" + version), "");
  }

  /** {@code node} starts {@code version} healthy again. */
  void repairNode(String node, String version) throws IOException {
    Files.deleteIfExists(
        sample.folder().resolve("nodes").resolve(node).resolve("broken-" + version));
  }

  /**
   * From now on, {@code node} starts {@code version} healthy, and is killed (SIGKILL) {@code after}
   * it first answers: a node that passes its checks and dies under its first traffic.
   */
  void crashNodeAfter(String node, String version, Duration after) throws IOException {
    Files.writeString(
        sample.folder().resolve("nodes").resolve(node).resolve("crashes-" + version),
        after.toSeconds() + "\n");
  }

  /**
   * The release {@code node} runs, as its own {@code /.status} says; "down" when it does not
   * answer.
   */
  String versionOn(String node) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + ports.get(node) + "/.status"))
                      .timeout(java.time.Duration.ofSeconds(5))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      return dev.lockstep.core.io.Json.mapper().readTree(response.body()).get("version").asText();
    } catch (IOException e) {
      return "down";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "down";
    }
  }

  /** {@code node}'s own {@code /.status}, not through HAProxy. */
  java.net.URI statusUri(String node) {
    return java.net.URI.create("http://127.0.0.1:" + ports.get(node) + "/.status");
  }

  /**
   * One run of {@code node.sh COMMAND NODE} that finished, timed by the script itself.
   *
   * @param beganEpochNanos when it began, in nanoseconds since the epoch ({@code date +%s%N})
   */
  record CommandTiming(String command, long beganEpochNanos, long endedEpochNanos) {
    long nanos() {
      return endedEpochNanos - beganEpochNanos;
    }
  }

  /** Every finished run of {@code node.sh} on {@code node}, oldest first. */
  List<CommandTiming> commandTimings(String node) throws IOException {
    Path file = sample.folder().resolve("nodes").resolve(node).resolve("timings");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream()
        .map(line -> line.split(" "))
        .map(f -> new CommandTiming(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])))
        .toList();
  }

  /** What HAProxy says of each node: its status word, e.g. UP or MAINT. */
  String haproxyLog() {
    return haproxy.log();
  }

  @Override
  public void close() {
    try {
      for (String node : allNodes()) {
        stopNode(node);
      }
    } finally {
      haproxy.close();
      host.close();
      sample.close();
    }
  }

  private static List<String> allNodes() {
    List<String> all = new ArrayList<>(NODES);
    all.add(WORKER_NODE);
    return all;
  }

  private void stopNode(String node) {
    try {
      Process stop =
          new ProcessBuilder(sample.folder().resolve("node.sh").toString(), "stop", node)
              .redirectErrorStream(true)
              .start();
      stop.getInputStream().readAllBytes();
      stop.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void writeNodeScript(Path folder, Map<String, String> environment)
      throws IOException {
    String pg = environment.get("NOTES_PG_PORT");
    String db = environment.get("NOTES_DB_NAME");
    Path env =
        Files.writeString(
            folder.resolve("fleet.env"),
            String.join(
                "\n",
                "export JAVA='" + environment.get("JAVA") + "'",
                "export JDBC_DRIVER='" + environment.get("JDBC_DRIVER") + "'",
                "export NOTES_DB_URL='jdbc:postgresql://127.0.0.1:" + pg + "/" + db + "'",
                "export NOTES_DB_USER='" + environment.get("NOTES_DB_USER") + "'",
                "export NOTES_DB_PASSWORD='" + environment.get("NOTES_DB_PASSWORD") + "'",
                "export NODE_NICE=" + NODE_NICE,
                ""));
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
    Path script =
        Files.writeString(
            folder.resolve("node.sh"),
            """
            #!/bin/sh
            # One node of the sample api: node.sh install|start|stop|version NODE [ARTIFACT VERSION]
            # Each finished command is timed, so a benchmark can tell the node's own time apart.
            began=$(date +%s%N)
            set -eu
            here=$(cd "$(dirname "$0")" && pwd)
            . "$here/fleet.env"
            node=$2
            dir="$here/nodes/$node"
            port=$(cat "$dir/port")
            alive() { [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }
            case "$1" in
              install)
                cp "$3" "$dir/$4-$(basename "$3")"
                echo "$4" > "$dir/installed"
                echo "$4-$(basename "$3")" > "$dir/installed-file" ;;
              start)
                if alive; then exit 0; fi
                version=$(cat "$dir/installed")
                if [ -f "$dir/broken-$version" ]; then NOTES_DB_PASSWORD=wrong; fi
                listened=$(grep -c listening "$dir/log" 2>/dev/null || true)
                # nodelay: else the JDK's HTTP server sends a response's headers and body in two
                # segments, and Nagle's algorithm holds the body until HAProxy's delayed ACK,
                # adding 40 ms to some responses.
                setsid nice -n "$NODE_NICE" "$JAVA" -Dsun.net.httpserver.nodelay=true -cp "$JDBC_DRIVER" \\
                  "$dir/$(cat "$dir/installed-file")" \\
                  --port "$port" >>"$dir/log" 2>&1 </dev/null &
                pid=$!
                echo "$pid" > "$dir/pid"
                if [ "$NODE_NICE" -gt 0 ]; then
                  # Back to niceness 0 once warmed up: every thread, as Linux nices each one.
                  setsid sh -c 'sleep 15
                    for task in /proc/$1/task/*; do renice -n 0 -p "${task##*/}"; done' \\
                    warm "$pid" >/dev/null 2>&1 </dev/null &
                fi
                echo "$version" > "$dir/running"
                if [ -f "$dir/crashes-$version" ]; then
                  # Killed the file's seconds after it logs "listening" (for at most a minute).
                  setsid sh -c 'i=0
                    until [ "$(grep -c listening "$1/log" 2>/dev/null)" -gt "$2" ] 2>/dev/null; do
                      i=$((i+1)); [ $i -lt 600 ] || exit 0; sleep 0.1
                    done
                    sleep "$3"; kill -9 "$4" 2>/dev/null' crash "$dir" "${listened:-0}" \\
                    "$(cat "$dir/crashes-$version")" "$pid" >/dev/null 2>&1 </dev/null &
                fi ;;
              stop)
                if alive; then
                  pid=$(cat "$dir/pid"); kill "$pid"; i=0
                  while kill -0 "$pid" 2>/dev/null; do
                    i=$((i+1)); if [ $i -gt 150 ]; then kill -9 "$pid"; fi; sleep 0.1
                  done
                fi
                rm -f "$dir/pid" ;;
              version)
                if ! alive; then echo "$node is not running"; exit 3; fi
                echo "notes $(cat "$dir/running")" ;;
            esac
            echo "$1 $began $(date +%s%N)" >> "$dir/timings"
            """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  private static String config(
      Path folder,
      HostConfig host,
      RealHaproxy haproxy,
      Map<String, Integer> ports,
      String strategy,
      String readyTimeout,
      String minReady) {
    StringBuilder nodes = new StringBuilder();
    for (String node : NODES) {
      nodes.append("    ").append(node).append(": {host: 127.0.0.1, port: ");
      nodes.append(ports.get(node)).append("}\n");
    }
    return """
        environment: fleet
        stateDir: state
        releases: releases
        database:
          host: 127.0.0.1
          port: ${NOTES_PG_PORT}
          name: ${NOTES_DB_NAME}
          user: ${NOTES_DB_USER}
          password: {env: NOTES_DB_PASSWORD}
        migrations:
          historyTable: lockstep_schema_history
        target:
          type: command
          hosts:
            %1$s: {address: %2$s, port: %3$d, user: %4$s, keyFile: %5$s, knownHosts: %6$s}
        services:
          api:
            component: api
            nodes: [web-1, web-2, web-3]
            stop: %7$s/node.sh stop {node}
            install: %7$s/node.sh install {node} {artifact} {version}
            start: %7$s/node.sh start {node}
            version: %7$s/node.sh version {node}
          worker:
            component: worker
            nodes: [worker-1]
            stop: %7$s/node.sh stop {node}
            install: %7$s/node.sh install {node} {artifact} {version}
            start: %7$s/node.sh start {node}
            version: %7$s/node.sh version {node}
        balancer:
          type: haproxy
          deadline: 30s
          haproxy: {socket: %8$s, backend: app}
          nodes:
        %9$s
        rollout:
          strategy: %10$s
          ready: http://{host}:{port}/.status
          readyTimeout: %11$s
          minReady: %13$s
        checks:
          - name: api through the balancer
            http:
              url: http://127.0.0.1:%12$d/.status
              assertions:
                - $.status == "ok"
            deadline: 30s
            retries: 60
            interval: 250ms
        backup:
          format: custom
        rehearsal:
          database: ${NOTES_DB_NAME}_rehearsal
          services:
            api:
              run: ["${JAVA}", "-XX:TieredStopAtLevel=1", "-cp", "${JDBC_DRIVER}", "{artifact}",
                    "--port", "${NOTES_REHEARSAL_API_PORT}"]
              ports: ["${NOTES_REHEARSAL_API_PORT}"]
              env:
                NOTES_DB_URL: jdbc:postgresql://127.0.0.1:${NOTES_PG_PORT}/${NOTES_DB_NAME}_rehearsal
                NOTES_DB_USER: ${NOTES_DB_USER}
                NOTES_DB_PASSWORD: ${NOTES_DB_PASSWORD}
          checks:
            - name: api health on the migrated copy
              http:
                url: http://127.0.0.1:${NOTES_REHEARSAL_API_PORT}/.status
                assertions:
                  - $.status == "ok"
              deadline: 30s
              retries: 60
              interval: 500ms
        """
        .formatted(
            host.name(),
            host.address(),
            host.port(),
            host.user(),
            host.keyFile(),
            host.knownHosts(),
            folder,
            haproxy.adminSocket(),
            nodes.toString().stripTrailing(),
            strategy,
            readyTimeout,
            haproxy.frontendPort(),
            minReady);
  }
}
