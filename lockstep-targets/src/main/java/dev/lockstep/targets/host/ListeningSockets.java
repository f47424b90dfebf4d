package dev.lockstep.targets.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TCP sockets listening on this machine, read from {@code /proc/net/tcp} and {@code tcp6} (of
 * Lockstep's own network namespace). Where there is no {@code /proc} (not Linux), there are none to
 * tell, and callers treat that as "cannot tell".
 */
public final class ListeningSockets {
  private static final String LISTEN = "0A";
  private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};

  private ListeningSockets() {}

  /** Whether this machine lists its sockets where Lockstep can read them. */
  public static boolean available() {
    return Files.isReadable(TABLES[0]);
  }

  /** Every socket listening on {@code port}, on any address. */
  public static List<ListeningSocket> onPort(int port) {
    return all().stream().filter(socket -> socket.port() == port).toList();
  }

  static List<ListeningSocket> all() {
    List<ListeningSocket> sockets = new ArrayList<>();
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue; // no IPv6, or no /proc: nothing listens there that Lockstep could name
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        parse(line.trim()).ifPresent(sockets::add);
      }
    }
    return sockets;
  }

  /**
   * One line of the table: {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode …}, the
   * local address as hex in the kernel's byte order and the port as hex.
   */
  static Optional<ListeningSocket> parse(String line) {
    // Most lines are connections, not listeners (a busy machine has thousands in TIME_WAIT), and
    // this runs inside the downtime: the state is looked at before anything else is split.
    String[] fields = fields(line, 10);
    if (fields == null || !LISTEN.equals(fields[3])) {
      return Optional.empty();
    }
    int colon = fields[1].indexOf(':');
    try {
      InetAddress address = address(fields[1].substring(0, colon));
      int port = Integer.parseInt(fields[1].substring(colon + 1), 16);
      return Optional.of(
          new ListeningSocket(
              address, port, Long.parseLong(fields[9]), Integer.parseInt(fields[7])));
    } catch (RuntimeException | UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The first {@code count} blank-separated fields of {@code line}; null if it has fewer. */
  private static String[] fields(String line, int count) {
    String[] fields = new String[count];
    int found = 0;
    int i = 0;
    int length = line.length();
    while (found < count) {
      while (i < length && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i == length) {
        return null;
      }
      int start = i;
      while (i < length && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      fields[found++] = line.substring(start, i);
      if (found == 4 && !LISTEN.equals(fields[3])) {
        return fields; // not a listener: the rest is never needed
      }
    }
    return fields;
  }

  /** The kernel prints each 32-bit word of the address in its own byte order. */
  private static InetAddress address(String hex) throws UnknownHostException {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int source = word * 4 + (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 - i : i);
        bytes[word * 4 + i] =
            (byte) Integer.parseInt(hex.substring(source * 2, source * 2 + 2), 16);
      }
    }
    // An IPv4-mapped IPv6 address comes back as the IPv4 address it maps.
    return InetAddress.getByAddress(bytes);
  }
}
