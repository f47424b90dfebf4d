package dev.lockstep.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback ports for the sample product's services, none handed out twice by one JVM.
 *
 * <p>A port the kernel picks for {@code new ServerSocket(0)} comes from its ephemeral range, the
 * same range outgoing JDBC and HTTP connections take their local ports from; and two samples set up
 * at the same time can be given the same one. A service binds its port seconds or minutes later, at
 * each start: by then a connection may hold it, or another sample's service may answer on it. So
 * the ports come from just below the ephemeral range, in turn from a random place, and each is
 * checked free before it is handed out.
 */
final class LoopbackPorts {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int DEFAULT_EPHEMERAL_START = 32768;
  private static final int SPAN = 10_000;
  private static final LoopbackPorts SHARED = belowTheEphemeralRange();

  private final int lowest;
  private final int span;
  private final AtomicInteger handedOut;

  /** Ports from {@code [lowest, end)}, in turn from a random one. */
  LoopbackPorts(int lowest, int end) {
    this.lowest = lowest;
    this.span = end - lowest;
    this.handedOut = new AtomicInteger(ThreadLocalRandom.current().nextInt(span));
  }

  private static LoopbackPorts belowTheEphemeralRange() {
    int end = ephemeralStart();
    return new LoopbackPorts(end - SPAN, end);
  }

  /** A port free right now, not handed out before by this JVM (until all 10,000 have been). */
  static int next() {
    return SHARED.take();
  }

  int take() {
    for (int tried = 0; tried < span; tried++) {
      int port = lowest + Math.floorMod(handedOut.getAndIncrement(), span);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free TCP port on 127.0.0.1 between " + lowest + " and " + (lowest + span - 1));
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Where the kernel's ephemeral ports begin (the first number of ip_local_port_range). */
  static int ephemeralStart() {
    try {
      String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
      int start = Integer.parseInt(range[0]);
      // A range that starts very low leaves no room below it: use the usual place then.
      return start > 1024 + SPAN ? start : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START; // not Linux: ephemeral ports begin higher still (49152)
    }
  }
}
