package dev.lockstep.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load's clients saw.
 *
 * @param requests every request answered (or failed), in the order answered
 * @param failures why each failed request failed
 */
record LoadResult(List<Sent> requests, List<String> failures) {
  /**
   * One request.
   *
   * @param atNanos when it was sent, on {@link System#nanoTime()}'s clock (on Linux, one clock for
   *     every process of the machine)
   * @param micros how long until it was answered
   */
  record Sent(long atNanos, long micros) {}

  LoadResult {
    requests = List.copyOf(requests);
    failures = List.copyOf(failures);
  }

  /** The requests sent at {@code nanos} or after, and every failure. */
  LoadResult since(long nanos) {
    return new LoadResult(
        requests.stream().filter(sent -> sent.atNanos() >= nanos).toList(), failures);
  }

  /** The requests sent before {@code nanos}, and every failure. */
  LoadResult before(long nanos) {
    return new LoadResult(
        requests.stream().filter(sent -> sent.atNanos() < nanos).toList(), failures);
  }

  int sent() {
    return requests.size();
  }

  /** The latency at {@code percentile} (0 to 100) of every request, in milliseconds. */
  double latencyMillis(double percentile) {
    if (requests.isEmpty()) {
      return 0;
    }
    long[] sorted = requests.stream().mapToLong(Sent::micros).sorted().toArray();
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
  }

  /** Writes it a line each: {@code sent <atNanos> <micros>}, {@code failed <why>}. */
  void print(PrintStream out) {
    for (Sent sent : requests) {
      out.println("sent " + sent.atNanos() + " " + sent.micros());
    }
    for (String failure : failures) {
      out.println("failed " + failure.replace('\n', ' '));
    }
  }

  /** Reads what {@link #print} wrote. */
  static LoadResult read(BufferedReader in) throws IOException {
    List<Sent> requests = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("sent ")) {
        String[] fields = line.split(" ");
        requests.add(new Sent(Long.parseLong(fields[1]), Long.parseLong(fields[2])));
      } else if (line.startsWith("failed ")) {
        failures.add(line.substring("failed ".length()));
      }
    }
    return new LoadResult(requests, failures);
  }
}
