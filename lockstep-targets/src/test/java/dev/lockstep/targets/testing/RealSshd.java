package dev.lockstep.targets.testing;

import dev.lockstep.core.config.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH server on a loopback port, standing for one host: its own host key, its own
 * folder, and one authorized client key. Started by the tests and stopped (and its folder removed)
 * when closed. Needs openssh-server ({@code .ci/run} installs it).
 */
public final class RealSshd implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process sshd;

  private RealSshd(Path dir, int port, Process sshd) {
    this.dir = dir;
    this.port = port;
    this.sshd = sshd;
  }

  public static RealSshd start() {
    Path sshdProgram = Path.of("/usr/sbin/sshd");
    if (!Files.isExecutable(sshdProgram)) {
      throw new IllegalStateException(
          "/usr/sbin/sshd is missing: the SSH tests run a real OpenSSH server. Run .ci/run, or"
              + " apt-get install openssh-server.");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("lockstep-sshd-");
      keygen(dir.resolve("host_ed25519"));
      keygen(dir.resolve("client_ed25519"));
      Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
      // sshd's privilege separation wants this folder, which only systemd creates at boot.
      Files.createDirectories(Path.of("/run/sshd"));
      // The host's own home folder: what Lockstep copies there stays in this server's folder, and
      // the login shell reads no .bashrc of the machine's real user.
      Files.createDirectories(dir.resolve("home"));
      int port = freePort();
      Files.writeString(
          dir.resolve("sshd_config"),
          String.join(
              "\n",
              "Port " + port,
              "ListenAddress 127.0.0.1",
              "HostKey " + dir.resolve("host_ed25519"),
              "PidFile " + dir.resolve("sshd.pid"),
              "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
              "StrictModes no",
              "PasswordAuthentication no",
              "KbdInteractiveAuthentication no",
              "PubkeyAuthentication yes",
              "PermitRootLogin prohibit-password",
              "UsePAM no",
              "SetEnv HOME=" + dir.resolve("home"),
              "LogLevel ERROR",
              ""));
      Process sshd =
          new ProcessBuilder(
                  sshdProgram.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sshd.log").toFile())
              .start();
      RealSshd server = new RealSshd(dir, port, sshd);
      server.awaitListening();
      Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine());
      return server;
    } catch (IOException e) {
      delete(dir);
      throw new UncheckedIOException(e);
    }
  }

  /** This server as a host of the config: its known-hosts file holds its key. */
  public HostConfig host(String name) {
    return new HostConfig(
        name,
        "127.0.0.1",
        port,
        System.getProperty("user.name"),
        dir.resolve("client_ed25519"),
        dir.resolve("known_hosts"));
  }

  public Path dir() {
    return dir;
  }

  /** The login user's home folder on this host ({@code $HOME} of every command). */
  public Path home() {
    return dir.resolve("home");
  }

  public int port() {
    return port;
  }

  /** {@code [127.0.0.1]:port ssh-ed25519 AAAA…}, as {@code ssh-keyscan} prints it. */
  public String knownHostsLine() throws IOException {
    String[] publicKey =
        Files.readString(dir.resolve("host_ed25519.pub"), StandardCharsets.UTF_8).split(" ");
    return "[127.0.0.1]:" + port + " " + publicKey[0] + " " + publicKey[1] + "\n";
  }

  /** The host key's fingerprint, as {@code ssh-keygen -lf} prints it: {@code SHA256:…}. */
  public String fingerprint() throws IOException, InterruptedException {
    String line = run(List.of("ssh-keygen", "-lf", dir.resolve("host_ed25519.pub").toString()));
    return line.split(" ")[1];
  }

  /** A new ed25519 key pair at {@code file} (and {@code file.pub}), without a passphrase. */
  public static void keygen(Path file) throws IOException {
    try {
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", file.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String run(List<String> argv) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", argv) + " failed: " + output);
    }
    return output.strip();
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!sshd.isAlive()) {
        throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    throw new IOException("sshd did not listen on port " + port + " within 20 s");
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    sshd.descendants().forEach(ProcessHandle::destroyForcibly);
    sshd.destroy();
    try {
      if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
        sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delete(dir);
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing a test for.
    }
  }
}
