package dev.lockstep.engine.steps;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.Placeholders;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.secrets.SecretRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service that migrates on start-up has logged since this run started it, node by node. A
 * mark taken before the start says where that is: for the process target, the size of the node's
 * log file ({@code <stateDir>/logs/<service>@<node>.log}); for the command target, the last lines
 * {@code migrations.startup.log} printed, found again in its later output (so a log command that
 * prints older lines too, like {@code journalctl -u x -n 200}, is read from where it stood).
 */
final class StartupLog {
  /** The marks, journaled so that a resumed run reads from the same place. */
  static final String MARKS = "migrations.startup.logMarks";

  private static final int MARK_LINES = 5;
  private static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final int MAX_COMMAND_LINES = 5000;
  private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(20);

  private final DeploymentConfig config;
  private final ServiceConfig service;
  private final String logCommand;
  private final ReleaseManifest release;

  StartupLog(DeploymentConfig config, ServiceConfig service, ReleaseManifest release) {
    this.config = config;
    this.service = service;
    this.logCommand = config.migrations().startup().log();
    this.release = release;
  }

  /** Whether there is a log to read: a process target's files, or a log command. */
  boolean readable() {
    return config.target().type() == TargetType.PROCESS
        || (logCommand != null && !logCommand.isBlank());
  }

  /** Where each node's log stands now. */
  Map<String, String> mark() {
    Map<String, String> marks = new LinkedHashMap<>();
    for (String node : service.nodes()) {
      if (config.target().type() == TargetType.PROCESS) {
        marks.put(node, String.valueOf(size(file(node))));
      } else if (readable()) {
        List<String> lines = commandLines(node);
        marks.put(
            node,
            String.join("\n", lines.subList(Math.max(0, lines.size() - MARK_LINES), lines.size())));
      }
    }
    return marks;
  }

  /** The lines each node logged after its mark, secrets masked. */
  Map<String, List<String>> since(Map<String, String> marks) {
    Map<String, List<String>> logs = new LinkedHashMap<>();
    for (String node : service.nodes()) {
      String mark = marks.getOrDefault(node, "");
      if (config.target().type() == TargetType.PROCESS) {
        logs.put(node, fileSince(file(node), mark.isEmpty() ? 0 : Long.parseLong(mark)));
      } else if (readable()) {
        logs.put(node, after(commandLines(node), mark));
      }
    }
    return logs;
  }

  /** Where an operator reads a node's whole log. */
  String where(String node) {
    return config.target().type() == TargetType.PROCESS
        ? file(node).toString()
        : "the output of `" + SecretRegistry.of(config).redact(render(node)) + "`";
  }

  Path file(String node) {
    return config.logsDir().resolve(fileSafe(service.name()) + "@" + fileSafe(node) + ".log");
  }

  /**
   * The lines after the mark: after the first place its lines appear together, or, when the log
   * command prints a window that has moved on, after the end of the mark that still opens it; all
   * of them when none of the mark is left.
   */
  static List<String> after(List<String> lines, String mark) {
    if (mark.isEmpty()) {
      return lines;
    }
    List<String> block = Arrays.asList(mark.split("\n", -1));
    for (int start = 0; start + block.size() <= lines.size(); start++) {
      if (lines.subList(start, start + block.size()).equals(block)) {
        return List.copyOf(lines.subList(start + block.size(), lines.size()));
      }
    }
    for (int kept = Math.min(block.size() - 1, lines.size()); kept > 0; kept--) {
      if (lines.subList(0, kept).equals(block.subList(block.size() - kept, block.size()))) {
        return List.copyOf(lines.subList(kept, lines.size()));
      }
    }
    return lines;
  }

  private List<String> commandLines(String node) {
    ProcessResult result =
        ProductCommand.runner(config, null)
            .run(
                "startup log " + node, render(node), Map.of(), COMMAND_DEADLINE, MAX_COMMAND_LINES);
    return result.tail().stream().filter(line -> !line.isBlank()).toList();
  }

  private String render(String node) {
    return Placeholders.render(
        logCommand,
        Map.of(
            "version",
            release.version().toString(),
            "service",
            service.name(),
            "node",
            node,
            "component",
            service.component() == null ? service.name() : service.component()));
  }

  private List<String> fileSince(Path file, long offset) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      // A log shorter than the mark was rotated or truncated: all of it is new.
      long start = offset > length ? 0 : offset;
      start = Math.max(start, length - MAX_BYTES);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      String text = SecretRegistry.of(config).redact(new String(bytes, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      text.lines().filter(line -> !line.isBlank()).forEach(lines::add);
      return lines;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** As the process target names its files. */
  private static String fileSafe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
