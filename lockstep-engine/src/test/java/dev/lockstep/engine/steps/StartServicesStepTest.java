package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.targets.process.ProcessTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the services after a crash that left one running but unrecorded. */
class StartServicesStepTest {
  @TempDir Path dir;
  private ProcessTarget target;
  private ServiceConfig api;

  @AfterEach
  void stop() {
    if (target != null) {
      target.stop(api);
    }
  }

  @Test
  void run_afterAStartWhosePidWasNeverRecorded_stopsThatProcessNamingIt_andStartsOne()
      throws Exception {
    Files.writeString(
        dir.resolve("lockstep.yaml"),
        """
        environment: test
        stateDir: state
        database: {name: app, user: app, password: {env: APP_DB_PASSWORD}}
        target: {type: process}
        services:
          api:
            run: [sh, "{artifact}"]
            stopTimeout: 5s
        """);
    DeploymentConfig config =
        new ConfigLoader(Variables.of(Map.of("APP_DB_PASSWORD", "secret")))
            .load(dir.resolve("lockstep.yaml"));
    Path artifact =
        Files.writeString(
            dir.resolve("api.sh"), "trap 'exit 0' TERM\nwhile :; do sleep 0.05; done\n");
    ReleaseManifest release =
        new ReleaseManifest(
            dir.resolve("release.yaml"),
            "app",
            Version.parse("1.0.0"),
            Map.of("api", new Component("api", new FileArtifact(artifact, Sha256.of(artifact)))),
            null,
            List.of(),
            null);
    target = new ProcessTarget(config);
    api = config.services().get("api");
    target.install(api, release);
    target.start(api, release);
    // What a kill between the start and its record leaves: the launch token, no pid.
    Path state = config.serviceStateDir().resolve("api@local.json");
    String recorded = Files.readString(state);
    long orphan = Long.parseLong(recorded.replaceAll("(?s).*\"pid\" : (\\d+).*", "$1"));
    Files.writeString(state, recorded.replaceAll("\"pid\" : \\d+", "\"pid\" : null"));
    List<String> notices = new ArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        };
    Toolbox tools =
        new Toolbox(config, target, null, null, new CheckRunner(), listener, Clock.systemUTC());

    String summary = new StartServicesStep(tools, release).run(null);

    assertThat(notices)
        .singleElement()
        .asString()
        .startsWith("Stopped pid " + orphan + " (sh ")
        .contains("of api@local: an earlier Lockstep started it but was stopped before recording");
    assertThat(summary)
        .isEqualTo("started api (after stopping 1 unrecorded process(es) of an earlier start)");
    assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(target.processes(api).orElseThrow().running()).containsOnlyKeys("local");
    assertThat(target.processes(api).orElseThrow().running().get("local")).isNotEqualTo(orphan);
  }
}
