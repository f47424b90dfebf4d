package dev.lockstep.examples;

import dev.lockstep.examples.LoadResult.Sent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a roll was doing, moment by moment, from its nodes' progress, and the requests sent during
 * it sorted by what it was doing when each was sent: where a roll's slow requests come from.
 */
final class RollTimeline {
  static final String BEFORE = "before the first node: plan, backup and its check, migrations";
  static final String STOPPING = "a node draining and stopping";
  static final String STARTING = "a node installing and starting, until it answers ready";
  static final String BACK = "a node back in rotation, until the next one drains";
  static final String WORKER = "the worker restarting";
  static final String AFTER = "after the last node: validation, the run's end";
  private static final List<String> ORDER =
      List.of(BEFORE, STOPPING, STARTING, BACK, WORKER, AFTER);

  /**
   * The requests sent while the roll was doing one thing.
   *
   * @param requests how many were sent
   * @param slow how many of them took longer than the bound
   * @param slowestMillis the longest of them
   */
  record Window(String what, int requests, int slow, double slowestMillis) {}

  /**
   * A stretch of the roll doing one thing.
   *
   * @param fromNanos when it began, on {@link System#nanoTime()}'s clock
   * @param toNanos when the next began, or the end asked for
   */
  record Span(String what, long fromNanos, long toNanos) {}

  private final NavigableMap<Long, String> changes = new ConcurrentSkipListMap<>();
  private final NavigableMap<Long, String> steps = new ConcurrentSkipListMap<>();

  /** Notes a node's phase, as the run reports it, at {@link System#nanoTime()}. */
  void phase(String node, String phase, long atNanos) {
    String what;
    if (node.equals(Fleet.WORKER_NODE)) {
      what = phase.equals("done") ? AFTER : WORKER;
    } else if (phase.startsWith("drain") || phase.startsWith("stopping")) {
      what = STOPPING;
    } else if (phase.startsWith("back in rotation") || phase.equals("done")) {
      what = BACK;
    } else {
      what = STARTING;
    }
    changes.put(atNanos, what);
  }

  /** Notes that the run started a step (its description), at {@link System#nanoTime()}. */
  void step(String description, long atNanos) {
    steps.put(atNanos, description);
  }

  /**
   * The requests sent before the first node's first phase, by the run's step then: which part of
   * what comes before the first node the slow ones fall in. Those sent before the first step are
   * {@code "before the run's first step: planning and gates"}.
   */
  List<Window> beforeFirstNode(List<Sent> requests, double boundMillis) {
    long firstNode = changes.isEmpty() ? Long.MAX_VALUE : changes.firstKey();
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Sent sent : requests) {
      if (sent.atNanos() >= firstNode) {
        continue;
      }
      Map.Entry<Long, String> step = steps.floorEntry(sent.atNanos());
      long[] count =
          counts.computeIfAbsent(
              step == null ? "before the run's first step: planning and gates" : step.getValue(),
              what -> new long[3]);
      count[0]++;
      if (sent.micros() / 1000.0 > boundMillis) {
        count[1]++;
      }
      count[2] = Math.max(count[2], sent.micros());
    }
    List<Window> windows = new ArrayList<>();
    counts.forEach(
        (what, count) ->
            windows.add(new Window(what, (int) count[0], (int) count[1], count[2] / 1000.0)));
    return windows;
  }

  /** What the roll did from {@code fromNanos} to {@code toNanos}, one span per change. */
  List<Span> spans(long fromNanos, long toNanos) {
    List<Span> spans = new ArrayList<>();
    String what = BEFORE;
    long from = fromNanos;
    for (Map.Entry<Long, String> change : changes.subMap(fromNanos, toNanos).entrySet()) {
      spans.add(new Span(what, from, change.getKey()));
      what = change.getValue();
      from = change.getKey();
    }
    spans.add(new Span(what, from, toNanos));
    return spans;
  }

  /** {@code requests} by what the roll was doing when each was sent, slow above {@code bound}. */
  List<Window> windows(List<Sent> requests, double boundMillis) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Long> slowest = new LinkedHashMap<>();
    for (String what : ORDER) {
      counts.put(what, new int[2]);
      slowest.put(what, 0L);
    }
    for (Sent sent : requests) {
      Map.Entry<Long, String> change = changes.floorEntry(sent.atNanos());
      String what = change == null ? BEFORE : change.getValue();
      int[] count = counts.get(what);
      count[0]++;
      if (sent.micros() / 1000.0 > boundMillis) {
        count[1]++;
      }
      slowest.merge(what, sent.micros(), Math::max);
    }
    List<Window> windows = new ArrayList<>();
    counts.forEach(
        (what, count) ->
            windows.add(new Window(what, count[0], count[1], slowest.get(what) / 1000.0)));
    return windows;
  }
}
