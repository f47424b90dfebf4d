package dev.lockstep.core.process;

import dev.lockstep.core.secrets.SecretRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads one output stream of a child as it comes, on a thread of its own: masks secrets in every
 * line, appends it to the log, and keeps the first lines (where a version command prints its
 * version, where pg_config prints its folder) and the last ones (where a failing command says why).
 */
final class OutputCollector implements Runnable {
  static final int HEAD_LINES = 200;

  /** A line longer than this is cut: one line of binary output must not fill the memory. */
  private static final int MAX_LINE_CHARS = 4000;

  private final InputStream stream;
  private final SecretRegistry secrets;
  private final ProcessLog log;
  private final int keepLines;
  private final List<String> head = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();

  OutputCollector(InputStream stream, SecretRegistry secrets, ProcessLog log, int keepLines) {
    this.stream = stream;
    this.secrets = secrets;
    this.log = log;
    this.keepLines = keepLines;
  }

  /** Starts reading on a daemon thread: a child's output must never keep Lockstep alive. */
  Thread start(String name) {
    Thread thread = new Thread(this, "lockstep-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void run() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String cut = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;
        add(secrets.redact(cut));
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

  synchronized List<String> tail() {
    return List.copyOf(tail);
  }
}
