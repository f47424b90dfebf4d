package dev.lockstep.targets.command;

import dev.lockstep.core.api.Secret;
import dev.lockstep.targets.OutputTail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Copies a command's output to the target log as it comes, secrets masked, keeping its first lines
 * (where a version command prints the version) and its last ones (where a failing command says
 * why).
 */
final class OutputPump implements Runnable {
  private static final int HEAD_LINES = 200;
  static final int TAIL_LINES = 20;

  private final InputStream output;
  private final TargetLog log;
  private final Collection<Secret> secrets;
  private final int keepLines;
  private final List<String> head = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();

  /**
   * @param keepLines how many of the last lines to keep
   */
  OutputPump(InputStream output, TargetLog log, Collection<Secret> secrets, int keepLines) {
    this.output = output;
    this.log = log;
    this.secrets = secrets;
    this.keepLines = keepLines;
  }

  @Override
  public void run() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        add(OutputTail.redact(line, secrets));
      }
    } catch (IOException e) {
      // The process is gone and took its pipe with it; what was read is kept.
    }
  }

  private synchronized void add(String line) {
    log.line("  | " + line);
    if (head.size() < HEAD_LINES) {
      head.add(line);
    }
    tail.addLast(line);
    if (tail.size() > keepLines) {
      tail.removeFirst();
    }
  }

  synchronized List<String> head() {
    return List.copyOf(head);
  }

  synchronized List<String> lastLines() {
    return List.copyOf(tail);
  }
}
