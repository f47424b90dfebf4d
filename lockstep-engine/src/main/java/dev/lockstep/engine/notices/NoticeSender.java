package dev.lockstep.engine.notices;

import dev.lockstep.core.config.NoticeConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Sends notices to the receivers that hear of them, in the background: {@link #send} never waits
 * and never fails, whatever the receivers do; a notice that cannot be delivered is a warning line,
 * which names the receiver and its host, never its URL. {@link #close} waits a bounded time for the
 * notices still on their way, so that a command's last notice is not dropped when it exits.
 */
public final class NoticeSender implements AutoCloseable {
  /** Between a failed attempt and the first retry; doubles for each further one. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

  /** The longest {@link #close} waits, however many retries and how long a timeout say. */
  public static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final List<NoticeConfig> receivers;
  private final SecretRegistry secrets;
  private final Consumer<String> warn;
  private final Duration backoff;
  private final List<NoticeChannel> channels = new ArrayList<>();
  private ExecutorService httpThreads;
  private HttpClient client;
  private boolean closed;

  /**
   * @param warn told, in words with every secret masked, of each notice that was not delivered
   */
  public NoticeSender(
      List<NoticeConfig> receivers,
      SecretRegistry secrets,
      Consumer<String> warn,
      Duration backoff) {
    this.receivers = List.copyOf(receivers);
    this.secrets = secrets;
    this.warn = message -> warn.accept(secrets.redact(message));
    this.backoff = backoff;
  }

  public static NoticeSender none() {
    return new NoticeSender(List.of(), SecretRegistry.empty(), message -> {}, DEFAULT_BACKOFF);
  }

  /** Queues {@code notice} for every receiver that hears of its event; returns at once. */
  public synchronized void send(Notice notice) {
    if (closed) {
      return;
    }
    try {
      Notice safe = notice.redacted(secrets);
      for (NoticeChannel channel : channels()) {
        if (channel.config().hears(notice.event())) {
          channel.post(safe);
        }
      }
    } catch (RuntimeException e) {
      // A notice is a courtesy: it never fails the run it tells of.
      warn.accept("Notice '" + notice.event().key() + "' not sent: " + e.getMessage());
    }
  }

  /**
   * Waits for the notices still on their way, at most as long as their receivers' attempts take
   * (and never more than {@link #LONGEST_WAIT}), then gives up on the rest, saying so.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (channels.isEmpty()) {
      return;
    }
    Duration limit = Duration.ZERO;
    for (NoticeChannel channel : channels) {
      limit = max(limit, channel.longestDelivery());
    }
    Instant deadline = Instant.now().plus(min(limit, LONGEST_WAIT));
    for (NoticeChannel channel : channels) {
      channel.drain(max(Duration.between(Instant.now(), deadline), Duration.ZERO));
    }
    channels.clear();
    httpThreads.shutdownNow();
  }

  /** The receivers' queues, opened with the first notice: a command that sends none starts none. */
  private List<NoticeChannel> channels() {
    if (channels.isEmpty() && !receivers.isEmpty()) {
      httpThreads =
          Executors.newCachedThreadPool(
              work -> {
                Thread thread = new Thread(work, "lockstep-notice-http");
                thread.setDaemon(true);
                return thread;
              });
      client =
          HttpClient.newBuilder()
              .executor(httpThreads)
              .connectTimeout(longestTimeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      receivers.forEach(
          receiver -> channels.add(new NoticeChannel(receiver, client, backoff, warn)));
    }
    return channels;
  }

  private Duration longestTimeout() {
    return receivers.stream()
        .map(NoticeConfig::timeout)
        .reduce(NoticeSender::max)
        .orElse(NoticeConfig.DEFAULT_TIMEOUT);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
