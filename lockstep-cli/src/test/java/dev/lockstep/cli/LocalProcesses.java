package dev.lockstep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The processes of this machine, read from {@code /proc} (Linux): the one listening on a port,
 * every process started with {@code --port <port>} (the sample's services), any whose command line
 * matches. A fault test uses them to find a service Lockstep lost track of, to time a fault (kill
 * the server while pg_dump runs), and to kill what a test left behind.
 */
final class LocalProcesses {
  private static final Path PROC = Path.of("/proc");
  private static final String LISTEN = "0A";

  private LocalProcesses() {}

  /** The pid of the process listening on {@code port} (TCP, IPv4 or IPv6), if any. */
  static Optional<Long> listener(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      inodes.addAll(listeningInodes(PROC.resolve(table), port));
    }
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    for (long pid : pids()) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
        for (Path fd : fds) {
          String target = readLink(fd);
          if (target.startsWith("socket:[")
              && inodes.contains(target.substring(8, target.length() - 1))) {
            return Optional.of(pid);
          }
        }
      } catch (IOException e) {
        // The process ended, or is not ours to look at.
      }
    }
    return Optional.empty();
  }

  /**
   * Every process whose command line holds {@code --port <port>} and a path inside {@code folder}
   * (the artifact Lockstep installed there; {@code -Dsample.source=<it>} when the service runs from
   * classes compiled ahead, see {@code CompiledServices}): one sample's services, never another
   * test's that was given the same port number by another JVM.
   */
  static List<Long> startedFor(int port, Path folder) {
    String value = String.valueOf(port);
    String prefix = folder.toString() + "/";
    return matching(
        argv -> {
          boolean ours =
              argv.stream()
                  .anyMatch(
                      arg -> arg.startsWith(prefix) || arg.startsWith("-Dsample.source=" + prefix));
          for (int i = 0; ours && i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("--port") && argv.get(i + 1).equals(value)) {
              return true;
            }
          }
          return false;
        });
  }

  /** Every process whose command line (one item per argument) matches. */
  static List<Long> matching(Predicate<List<String>> commandLine) {
    List<Long> found = new ArrayList<>();
    for (long pid : pids()) {
      List<String> argv = commandLine(pid);
      if (!argv.isEmpty() && commandLine.test(argv)) {
        found.add(pid);
      }
    }
    return found;
  }

  /** kill -9 of every service of the sample in {@code folder}; returns their pids. */
  static List<Long> killAll(Path folder, int... ports) {
    List<Long> killed = new ArrayList<>();
    for (int port : ports) {
      for (long pid : startedFor(port, folder)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        killed.add(pid);
      }
    }
    return killed;
  }

  static List<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
      List<String> argv = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return argv;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + PROC, e);
    }
    return pids;
  }

  private static Set<String> listeningInodes(Path table, int port) {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    try {
      for (String line : Files.readAllLines(table)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 9 && fields[1].endsWith(":" + hexPort) && fields[3].equals(LISTEN)) {
          inodes.add(fields[9]);
        }
      }
    } catch (IOException e) {
      // No IPv6 table on this machine.
    }
    return inodes;
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "";
    }
  }
}
