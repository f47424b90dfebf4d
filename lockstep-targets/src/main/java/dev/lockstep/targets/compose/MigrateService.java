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

  static List<String> verb(ComposeConfig compose, String name) {
    return List.of("run", "--name", name, compose.migrate());
  }

  ProcessResult run(Duration deadline, Path log) {
    if (compose.migrate() == null) {
      throw new IllegalStateException("target.compose.migrate is not set");
    }
    String name =
        compose.project()
            + "-"
            + compose.migrate()
            + "-lockstep-"
            + UUID.randomUUID().toString().substring(0, 8);
    try {
      return runner.compose("migrate", verb(compose, name), deadline, 20, log);
    } finally {
      engine.removeContainer(name);
    }
  }
}
