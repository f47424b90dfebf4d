package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
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
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.targets.process.ProcessTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation with real processes: the checks pass, and the services still run afterwards. */
class ValidateStepTest {
  private static final String RUNS_UNTIL_STOPPED =
      """
      #!/bin/sh
      trap 'exit 0' TERM
      while :; do sleep 0.05; done
      """;

  /** Outlives the start-up grace, then dies while the checks still run. */
  private static final String CRASHES_AFTER_A_SECOND =
      """
      #!/bin/sh
      sleep 1
      echo "cannot bind port 8081: address already in use"
      exit 3
      """;

  @TempDir Path dir;
  private Journal journal;
  private ProcessTarget target;
  private ServiceConfig api;

  @AfterEach
  void stopAndClose() {
    if (target != null) {
      target.stop(api);
    }
    if (journal != null) {
      journal.close();
    }
  }

  @Test
  void run_checksPassAndTheServiceStillRuns_passes() throws Exception {
    ValidateStep step = deployed(RUNS_UNTIL_STOPPED);

    String summary = step.run(facts());

    assertThat(summary).isEqualTo("2 checks passed");
  }

  @Test
  void run_serviceDiedWhileItsChecksPassed_failsNamingTheService() throws Exception {
    ValidateStep step = deployed(CRASHES_AFTER_A_SECOND);

    assertThatThrownBy(() -> step.run(facts()))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("1 of 2 checks failed on 1.0.0")
        .hasMessageContaining("api runs 1.0.0 (local is not running)")
        .extracting(e -> ((LockstepException) e).errorCode())
        .isEqualTo(ErrorCode.CHECK_FAILED);
  }

  /** The api installed and started from {@code script}, and a check that takes two seconds. */
  private ValidateStep deployed(String script) throws Exception {
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(
        config,
        """
        environment: test
        stateDir: state
        database: {name: app, user: app, password: {env: APP_DB_PASSWORD}}
        target: {type: process}
        services:
          api:
            run: [sh, "{artifact}"]
            stopTimeout: 5s
        checks:
          - name: slow smoke test
            command: {run: sleep 2}
        """);
    DeploymentConfig deployment =
        new ConfigLoader(Variables.of(Map.of("APP_DB_PASSWORD", "secret"))).load(config);
    Path artifact = Files.writeString(dir.resolve("api.sh"), script);
    ReleaseManifest release =
        new ReleaseManifest(
            dir.resolve("release.yaml"),
            "app",
            Version.parse("1.0.0"),
            Map.of("api", new Component("api", new FileArtifact(artifact, Sha256.of(artifact)))),
            null,
            List.of(),
            null);
    target = new ProcessTarget(deployment);
    api = deployment.services().get("api");
    target.install(api, release);
    target.start(api, release);
    Toolbox tools =
        new Toolbox(
            deployment, target, null, null, new CheckRunner(), RunListener.NONE, Clock.systemUTC());
    return new ValidateStep(tools, release, "checks.forward");
  }

  private RunFacts facts() {
    journal = Journal.open(dir.resolve("journal.db"));
    return new RunFacts(journal, journal.startRun(RunKind.UPGRADE, "test", "0.9.0", "1.0.0").id());
  }
}
