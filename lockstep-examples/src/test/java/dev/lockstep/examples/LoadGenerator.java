package dev.lockstep.examples;

import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of real requests to the notes api through the load balancer, from a few threads
 * at a fixed rate, until stopped (and at most {@code limit} requests or {@code maxTime}): writes
 * (POST a note), reads of a written note, health reads, and now and then the list of every note,
 * the slowest request there is. Every request that does not get its expected status is a failure,
 * kept with its reason.
 */
final class LoadGenerator implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final Map<Long, String> written = new ConcurrentHashMap<>();
  private final List<LoadResult.Sent> answered = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> threads = new ArrayList<>();
  private final int limit;
  private final long startedAt = System.nanoTime();
  private final long nanosApart;
  private final long deadline;

  private LoadGenerator(int port, int perSecond, int limit, Duration maxTime) {
    this.base = URI.create("http://127.0.0.1:" + port);
    this.nanosApart = 1_000_000_000L / perSecond;
    this.limit = limit;
    this.deadline = startedAt + maxTime.toNanos();
  }

  /**
   * Starts {@code threads} clients against the loopback {@code port}, sending {@code perSecond}
   * requests a second between them (fewer when every client waits on a slow answer).
   */
  static LoadGenerator start(int port, int threads, int perSecond, int limit, Duration maxTime) {
    LoadGenerator load = new LoadGenerator(port, perSecond, limit, maxTime);
    for (int i = 0; i < threads; i++) {
      int seed = i;
      Thread thread = new Thread(() -> load.loop(seed), "load-" + i);
      thread.setDaemon(true);
      load.threads.add(thread);
      thread.start();
    }
    return load;
  }

  /** Waits until at least {@code count} requests were sent (or the limits are reached). */
  void awaitAtLeast(int count) throws InterruptedException {
    while (sent.get() < count && !stop.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Stops the clients and waits for the requests in flight. */
  void stopNow() throws InterruptedException {
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(TIMEOUT.toMillis() + 5_000);
    }
  }

  int sent() {
    return sent.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Every note written, by id, with its body. */
  Map<Long, String> written() {
    return Map.copyOf(written);
  }

  /** What the clients saw so far: every request answered, and every failure. */
  LoadResult result() {
    synchronized (answered) {
      return new LoadResult(List.copyOf(answered), failures());
    }
  }

  /** The latency at {@code percentile} (0 to 100) of every request sent, in milliseconds. */
  double latencyMillis(double percentile) {
    return result().latencyMillis(percentile);
  }

  /**
   * The load from a JVM of its own, for the benchmark, so the clients share nothing with the
   * process they measure: {@code port threads perSecond}. Sends until its standard input ends, then
   * prints its {@link LoadResult} ({@link LoadResult#print}).
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    LoadGenerator load =
        start(
            Integer.parseInt(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Integer.MAX_VALUE,
            Duration.ofMinutes(30));
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
    load.stopNow();
    load.result().print(System.out);
    System.out.flush();
  }

  private void loop(int seed) {
    long turn = seed;
    int number;
    while (!stop.get()
        && System.nanoTime() < deadline
        && (number = sent.incrementAndGet()) <= limit) {
      turn++;
      try {
        awaitTurn(number);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long started = System.nanoTime();
      try {
        switch ((int) (turn % 10)) {
          case 0, 3, 6 -> write(turn);
          case 9 -> expect(get("/notes"), 200);
          case 1, 4 -> expect(get("/.status"), 200);
          default -> readOne();
        }
      } catch (IOException | RuntimeException e) {
        failures.add(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      answered.add(new LoadResult.Sent(started, (System.nanoTime() - started) / 1_000));
    }
    if (sent.get() > limit) {
      stop.set(true);
    }
  }

  /** Sleeps until request {@code number} is due, keeping the rate whatever the threads do. */
  private void awaitTurn(int number) throws InterruptedException {
    long wait = startedAt + number * nanosApart - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void write(long turn) throws IOException, InterruptedException {
    String body = "written during the roll #" + turn + " by " + Thread.currentThread().getName();
    String form = "title=load&body=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/notes"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(response, 201);
    written.put(Json.mapper().readTree(response.body()).get("id").asLong(), body);
  }

  private void readOne() throws IOException, InterruptedException {
    Long id = written.keySet().stream().findAny().orElse(null);
    if (id == null) {
      expect(get("/.status"), 200);
      return;
    }
    expect(get("/notes/" + id), 200);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      failures.add(
          response.request().method()
              + " "
              + response.request().uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body().strip());
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopNow();
  }
}
