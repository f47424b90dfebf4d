package dev.lockstep.targets.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code /proc} tells about other processes: their command lines, environments and open
 * sockets. A process of another user is readable only by root, and a process may exit while it is
 * read; both read as "nothing known", never as an error.
 */
public final class ProcFs {
  private static final Path PROC = Path.of("/proc");
  private static final int MAX_COMMAND_CHARS = 200;

  private ProcFs() {}

  /** Every process id on this machine (of Lockstep's pid namespace). */
  public static List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        pids.add(Long.parseLong(entry.getFileName().toString()));
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return pids;
  }

  /**
   * Its command line, arguments joined by spaces, its middle cut out when too long for a message.
   */
  public static Optional<String> commandLine(long pid) {
    byte[] bytes = read(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
    if (bytes.length == 0) {
      return Optional.empty();
    }
    String line = new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    if (line.length() <= MAX_COMMAND_CHARS) {
      return Optional.of(line);
    }
    // Both ends: the program, and what tells one java or python process from another (its main
    // class, its script, its port), which comes after a long class path.
    int half = MAX_COMMAND_CHARS / 2;
    return Optional.of(line.substring(0, half) + " … " + line.substring(line.length() - half));
  }

  /** The value of {@code name} in the environment the process was started with. */
  public static Optional<String> environmentVariable(long pid, String name) {
    byte[] bytes = read(PROC.resolve(Long.toString(pid)).resolve("environ"));
    String prefix = name + "=";
    for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
      if (entry.startsWith(prefix)) {
        return Optional.of(entry.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  /**
   * The process holding each of {@code inodes} open, by inode. A socket held by a process Lockstep
   * may not look into (another user's, when Lockstep is not root) has no entry.
   */
  public static Map<Long, Long> socketOwners(Set<Long> inodes) {
    return socketOwners(inodes, Set.of());
  }

  /**
   * {@link #socketOwners(Set)}, looking first at {@code likely} (the processes expected to hold the
   * sockets): the whole process table is read only for a socket none of them holds.
   */
  public static Map<Long, Long> socketOwners(Set<Long> inodes, Set<Long> likely) {
    Map<Long, Long> owners = new HashMap<>();
    if (inodes.isEmpty()) {
      return owners;
    }
    likely.forEach(pid -> addOwned(pid, inodes, owners));
    if (owners.keySet().containsAll(inodes)) {
      return owners;
    }
    for (long pid : pids()) {
      if (!likely.contains(pid)) {
        addOwned(pid, inodes, owners);
      }
    }
    return owners;
  }

  private static void addOwned(long pid, Set<Long> inodes, Map<Long, Long> owners) {
    try (DirectoryStream<Path> fds =
        Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
      for (Path fd : fds) {
        socketInode(fd).filter(inodes::contains).ifPresent(inode -> owners.put(inode, pid));
      }
    } catch (IOException | RuntimeException e) {
      // Gone, or not ours to read.
    }
  }

  /** {@code socket:[12345]} → 12345. */
  private static Optional<Long> socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith("socket:[") && target.endsWith("]")) {
        return Optional.of(Long.parseLong(target.substring(8, target.length() - 1)));
      }
    } catch (IOException | RuntimeException e) {
      // Closed while we looked.
    }
    return Optional.empty();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }
}
