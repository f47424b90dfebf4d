package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The one-shot migrate service ({@code target.compose.migrate}), run once.
 *
 * <p>Not {@code run --rm}: against Podman 4.3's Docker API, {@code docker compose run --rm} exits 0
 * for a container that exited 4 (the removal races the wait), while {@code run} without it reports
 * 4. So the container gets a name of Lockstep's and the engine removes it afterwards.
 */
final class MigrateService {
  private final ComposeConfig compose;
  private final ComposeRunner runner;
  private final EngineCli engine;

  MigrateService(ComposeConfig compose, ComposeRunner runner, EngineCli engine) {
    this.compose = compose;
    this.runner = runner;
    this.engine = engine;
  }

  /** What the name of every one-shot container Lockstep runs starts with. */
  static String prefix(ComposeConfig compose) {
    return compose.project() + "-" + compose.migrate() + "-lockstep-";
  }

  /**
   * Removes, with {@code rm -f}, every one-shot container of this project that a Lockstep killed
   * while it ran left behind: the compose client outlives a kill -9 of Lockstep, and so does the
   * container, still migrating. Left running, it would race a resumed run's restore of the backup
   * (or apply the release's migrations to the database just put back); left exited, it is clutter
   * that no one else knows to remove. A migration it was in the middle of is rolled back by
   * PostgreSQL when its connection drops.
   *
   * @return the names of those removed
   * @throws IllegalStateException when the engine does not answer
   */
  List<String> removeLeftovers() {
    if (compose.migrate() == null) {
      return List.of();
    }
    List<String> leftovers = engine.containersNamed(prefix(compose));
    leftovers.forEach(engine::removeContainer);
    return leftovers;
  }

  static List<String> verb(ComposeConfig compose, String name) {
    return List.of("run", "--name", name, compose.migrate());
  }

  ProcessResult run(Duration deadline, Path log) {
    if (compose.migrate() == null) {
      throw new IllegalStateException("target.compose.migrate is not set");
    }
    String name = prefix(compose) + UUID.randomUUID().toString().substring(0, 8);
    try {
      return runner.compose("migrate", verb(compose, name), deadline, 20, log);
    } finally {
      engine.removeContainer(name);
    }
  }
}
