package dev.lockstep.engine.release;

import dev.lockstep.postgres.ThrowawayPostgres;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Throwaway servers for the linter under test, counted. */
final class TestServers implements Supplier<ThrowawayPostgres> {
  private final AtomicInteger started = new AtomicInteger();

  @Override
  public ThrowawayPostgres get() {
    started.incrementAndGet();
    return ThrowawayPostgres.start();
  }

  int started() {
    return started.get();
  }

  /** For a lint that must not start a server: reading needs none. */
  static ThrowawayPostgres refuse() {
    throw new AssertionError("a lint without --observe started a server");
  }
}
