package dev.lockstep.targets.balancer.haproxy;

import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.targets.balancer.BalancerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's runtime API through one {@code stats socket}: a Unix socket or a TCP one. One command
 * per connection, as HAProxy's non-interactive mode expects: it answers and closes.
 */
final class RuntimeApi {
  static final String SOCKET_LINE = "stats socket /run/haproxy/admin.sock mode 660 level admin";

  private final BalancerConfig.Haproxy socket;
  private final Duration timeout;

  RuntimeApi(BalancerConfig.Haproxy socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  /** {@code /run/haproxy/admin.sock} or {@code 127.0.0.1:9999}. */
  String where() {
    return socket.socket() != null
        ? socket.socket().toString()
        : socket.host() + ":" + socket.port();
  }

  /** HAProxy's whole answer to {@code command}; "" (after trimming) means it did it. */
  String send(String command) {
    Path unix = socket.socket();
    if (unix != null && !Files.exists(unix)) {
      throw failure(
          command,
          "there is no socket at " + unix + ".",
          "check that HAProxy runs and that balancer.haproxy.socket is the path of the `stats"
              + " socket` line in haproxy.cfg's global section, e.g. `"
              + SOCKET_LINE
              + "`.",
          null);
    }
    try (SocketChannel channel =
            unix != null ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = Selector.open()) {
      long deadline = System.nanoTime() + timeout.toNanos();
      channel.configureBlocking(false);
      connect(channel, selector, deadline, command);
      write(channel, selector, command + "\n", deadline);
      return read(channel, selector, deadline, command);
    } catch (IOException e) {
      throw unreachable(command, e);
    } catch (UnresolvedAddressException e) {
      throw failure(
          command,
          "host " + socket.host() + " is not known.",
          "give balancer.haproxy.address as an address or a host name this machine resolves.",
          e);
    }
  }

  private void connect(SocketChannel channel, Selector selector, long deadline, String command)
      throws IOException {
    SocketAddress address =
        socket.socket() != null
            ? UnixDomainSocketAddress.of(socket.socket())
            : new InetSocketAddress(socket.host(), socket.port());
    if (!channel.connect(address)) {
      channel.register(selector, SelectionKey.OP_CONNECT);
      await(selector, deadline, command, "accept a connection");
      channel.finishConnect();
    }
  }

  private void write(SocketChannel channel, Selector selector, String text, long deadline)
      throws IOException {
    ByteBuffer out = StandardCharsets.UTF_8.encode(text);
    channel.register(selector, SelectionKey.OP_WRITE);
    while (out.hasRemaining()) {
      if (channel.write(out) == 0) {
        await(selector, deadline, text.strip(), "take the command");
      }
    }
  }

  private String read(SocketChannel channel, Selector selector, long deadline, String command)
      throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    channel.register(selector, SelectionKey.OP_READ);
    while (true) {
      int read = channel.read(buffer);
      if (read < 0) {
        return answer.toString(StandardCharsets.UTF_8);
      }
      if (read == 0) {
        await(selector, deadline, command, "answer");
      }
      answer.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
  }

  private void await(Selector selector, long deadline, String command, String what)
      throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0) {
      throw failure(
          command,
          "HAProxy did not " + what + " within " + timeout.toSeconds() + "s.",
          "check that " + where() + " is HAProxy's stats socket and that HAProxy is not stuck.",
          null);
    }
    selector.selectedKeys().clear();
  }

  private BalancerException unreachable(String command, IOException e) {
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("Permission denied")) {
      return failure(
          command,
          "Lockstep's user (" + System.getProperty("user.name") + ") may not open it.",
          "let that user's group at the socket, e.g. `"
              + SOCKET_LINE
              + " group haproxy` in haproxy.cfg's global section and that user in the haproxy"
              + " group.",
          e);
    }
    if (reason.contains("Connection refused")) {
      return failure(
          command,
          "nothing answers there (connection refused).",
          socket.socket() != null
              ? "start HAProxy; a socket left by a stopped HAProxy answers nothing."
              : "start HAProxy, and check that haproxy.cfg's global section has `stats socket"
                  + " ipv4@"
                  + where()
                  + " level admin`.",
          e);
    }
    return failure(
        command,
        "it cannot be reached: " + reason + ".",
        "check balancer.haproxy against haproxy.cfg's `stats socket` line.",
        e);
  }

  /** Names the socket and the command, whose backend and server tell which node it was for. */
  private BalancerException failure(String command, String what, String fix, Throwable cause) {
    return new BalancerException(
        null,
        "HAProxy's stats socket " + where() + " (for `" + command + "`): " + what + " Fix: " + fix,
        cause);
  }
}
