package dev.lockstep.postgres.testing;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One throwaway Postgres per test JVM, started the first time a test class asks for it and stopped
 * when the whole run ends (it lives in the root store, which closes it). Use it with
 * {@code @ExtendWith(PostgresExtension.class)}, then either take parameters:
 *
 * <ul>
 *   <li>{@link ThrowawayPostgres} — the shared server;
 *   <li>{@link DatabaseConfig} — a fresh, empty database for this test, dropped after it;
 * </ul>
 *
 * or call {@link #server()} and {@link #freshDatabase(String)}.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile SharedServer shared;

  /** The shared server, started now if no test class has started it yet. */
  public static synchronized ThrowawayPostgres server() {
    if (shared == null || shared.closed) {
      shared = new SharedServer(ThrowawayPostgres.start());
    }
    return shared.server;
  }

  /**
   * Creates an empty database with a name no other test uses ({@code t_<hint>_<n>}) and returns its
   * configuration. The database goes away with the server at the end of the run; tests that create
   * many may drop them with {@link ThrowawayPostgres#dropDatabase(String)}.
   */
  public static DatabaseConfig freshDatabase(String hint) {
    String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    String name = "t_" + clean.substring(0, Math.min(40, clean.length())) + "_";
    name += DATABASES.incrementAndGet();
    server().createDatabase(name);
    return server().database(name);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
    root.getOrComputeIfAbsent(SharedServer.class, key -> sharedServer(), SharedServer.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ThrowawayPostgres.class || type == DatabaseConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == ThrowawayPostgres.class) {
      return server();
    }
    String hint = context.getTestMethod().map(m -> m.getName()).orElse("db");
    DatabaseConfig database = freshDatabase(hint);
    // Stored per test, so JUnit drops it when the test (or test class) ends.
    context
        .getStore(NAMESPACE)
        .put(database.name(), (AutoCloseable) () -> server().dropDatabase(database.name()));
    return database;
  }

  private static synchronized SharedServer sharedServer() {
    server();
    return shared;
  }

  /** Closed by JUnit at the very end of the run, because it sits in the root store. */
  private static final class SharedServer implements AutoCloseable {
    private final ThrowawayPostgres server;
    private volatile boolean closed;

    SharedServer(ThrowawayPostgres server) {
      this.server = server;
    }

    @Override
    public void close() {
      closed = true;
      server.close();
    }
  }
}
