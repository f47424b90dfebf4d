package dev.lockstep.core.api;

/**
 * Progress of one long task (a dump, a restore, a verification). Implementations render it; the
 * work only reports how far it got.
 */
public interface Progress extends AutoCloseable {

  /** Moves the progress to {@code done} units of the total given when it started. */
  void update(long done);

  /** Replaces the total when the first estimate proved wrong. */
  void total(long total);

  @Override
  void close();

  /** Starts progress for tasks; the CLI renders bars, tests use {@link #NONE}. */
  interface Factory {
    Progress start(String task, long total, Unit unit);
  }

  enum Unit {
    BYTES,
    ITEMS
  }

  Factory NONE =
      (task, total, unit) ->
          new Progress() {
            @Override
            public void update(long done) {}

            @Override
            public void total(long total) {}

            @Override
            public void close() {}
          };
}
