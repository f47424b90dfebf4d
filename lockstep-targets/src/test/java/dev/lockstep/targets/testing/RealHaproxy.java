package dev.lockstep.targets.testing;

import dev.lockstep.core.process.ProgramPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy the test starts on loopback ports, with a throwaway config in {@code dir}: an
 * admin Unix socket, an admin TCP socket, a user-level Unix socket, and backend {@code app}
 * balancing round-robin over the given servers with HTTP checks (every 100 ms unless told). Needs
 * haproxy ({@code .ci/run} installs it).
 */
public final class RealHaproxy implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int statsPort;
  private final int frontendPort;

  private RealHaproxy(Process process, Path dir, int statsPort, int frontendPort) {
    this.process = process;
    this.dir = dir;
    this.statsPort = statsPort;
    this.frontendPort = frontendPort;
  }

  /**
   * @param servers each server's name and port; a port where nothing listens makes a DOWN server
   */
  public static RealHaproxy start(Path dir, List<String> names, List<Integer> ports)
      throws IOException, InterruptedException {
    return start(dir, names, ports, "/health", Duration.ofMillis(100));
  }

  /**
   * @param checkPath what HAProxy's health checks GET on each server
   * @param checkInterval how often it checks each server
   */
  public static RealHaproxy start(
      Path dir, List<String> names, List<Integer> ports, String checkPath, Duration checkInterval)
      throws IOException, InterruptedException {
    return start(dir, names, ports, checkPath, checkInterval, Duration.ZERO);
  }

  /**
   * @param slowstart how long a server back in rotation takes to get its full share of requests,
   *     growing at every check (HAProxy's {@code slowstart}); zero: at once
   */
  public static RealHaproxy start(
      Path dir,
      List<String> names,
      List<Integer> ports,
      String checkPath,
      Duration checkInterval,
      Duration slowstart)
      throws IOException, InterruptedException {
    Path haproxy =
        ProgramPath.fromEnvironment()
            .find("haproxy")
            // Debian installs it in /usr/sbin, which is not on every user's PATH.
            .or(() -> ProgramPath.of("/usr/sbin:/usr/local/sbin").find("haproxy"))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "haproxy is not installed; the balancer tests start a real one. Run"
                            + " .ci/run, or apt-get install haproxy."));
    int statsPort = freePort();
    int frontendPort = freePort();
    StringBuilder config =
        new StringBuilder(
            """
            global
              maxconn 200
              stats socket %1$s/admin.sock mode 600 level admin
              stats socket %1$s/user.sock mode 600 level user
              stats socket ipv4@127.0.0.1:%2$d level admin
            defaults
              mode http
              timeout connect 1s
              timeout client 15s
              timeout server 15s
              # Without it a check must answer within inter (100 ms): too tight on a busy machine.
              timeout check 2s
              retries 2
              option redispatch
            frontend web
              bind 127.0.0.1:%3$d
              default_backend app
            backend app
              balance roundrobin
              option httpchk GET %4$s
              default-server check inter %5$dms fall 2 rise 1 slowstart %6$dms
            """
                .formatted(
                    dir,
                    statsPort,
                    frontendPort,
                    checkPath,
                    checkInterval.toMillis(),
                    slowstart.toMillis()));
    for (int i = 0; i < names.size(); i++) {
      config.append("  server ").append(names.get(i)).append(" 127.0.0.1:").append(ports.get(i));
      config.append('\n');
    }
    Path file = Files.writeString(dir.resolve("haproxy.cfg"), config.toString());
    Process process =
        new ProcessBuilder(haproxy.toString(), "-f", file.toString(), "-db")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("haproxy.log").toFile())
            .start();
    RealHaproxy started = new RealHaproxy(process, dir, statsPort, frontendPort);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(started.adminSocket())) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        started.close();
        throw new IllegalStateException(
            "haproxy did not start:\n" + Files.readString(dir.resolve("haproxy.log")));
      }
      Thread.sleep(20);
    }
    return started;
  }

  /** What HAProxy printed, for a failing test's message. */
  public String log() {
    try {
      return Files.readString(dir.resolve("haproxy.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public Path adminSocket() {
    return dir.resolve("admin.sock");
  }

  public Path userSocket() {
    return dir.resolve("user.sock");
  }

  public int statsPort() {
    return statsPort;
  }

  public int frontendPort() {
    return frontendPort;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
