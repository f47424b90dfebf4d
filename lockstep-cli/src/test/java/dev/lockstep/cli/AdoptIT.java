package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A deployment of the sample product that runs release 1.0.0 with data in it, and a Lockstep that
 * has never seen it (no journal, no backups, no reports, no schema record: only the process
 * target's record of what runs, as a systemd unit or a Compose project would tell). A plan over it
 * is refused and names `lockstep adopt`; adopting it with the wrong release is refused with the
 * mismatches and records nothing; adopting it as 1.0.0 restarts nothing; the upgrade to 1.1.0 then
 * goes as it would have from a Lockstep install.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class AdoptIT {

  @Test
  void adopt_runningDeploymentUnknownToLockstep_recordedWithoutRestartThenUpgrades()
      throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(PostgresExtension.server(), "adopted", false)) {
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      try {
        succeeds(lockstep.run("upgrade", "--to", "1.0.0"));
        long noteId = sample.notes().write("kept", "written before Lockstep knew it", null);
        forgetEverythingButTheRunningServices(sample);
        List<Long> pidsBefore = servicePids(sample);

        Result plan = lockstep.run("plan", "--to", "1.1.0");
        Result wrongRelease = lockstep.run("adopt", "--release", "1.1.0");
        Result statusAfterRefusal = lockstep.run("status", "--output", "json");
        Result adopt = lockstep.run("adopt", "--release", "1.0.0", "--output", "json");
        List<Long> pidsAfterAdopt = servicePids(sample);
        boolean stillRunning =
            pidsBefore.stream().allMatch(pid -> ProcessHandle.of(pid).isPresent());
        Result adoptAgain = lockstep.run("adopt", "--release", "1.0.0");
        Result upgrade = lockstep.run("upgrade", "--to", "1.1.0");

        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(1);
        assertThat(plan.all())
            .contains("[BLOCKED] nothing runs that the journal does not know")
            .contains("database adopted has ")
            .contains(" tables, 1 applied migration")
            .contains("service api runs on node local (version 1.0.0")
            .contains("lockstep adopt --release");

        assertThat(wrongRelease.exitCode()).as(wrongRelease.all()).isEqualTo(1);
        assertThat(wrongRelease.stdout())
            .contains("Not adopted as 1.1.0")
            .contains("service api on node local runs 1.0.0, not 1.1.0")
            .contains("migration 2 of 1.1.0 is not applied");
        JsonNode status = Json.read(statusAfterRefusal.stdout(), JsonNode.class);
        assertThat(status.get("installed").isNull()).as("nothing recorded").isTrue();
        assertThat(status.get("lastRun").isNull()).as("no run recorded").isTrue();

        assertThat(adopt.exitCode()).as(adopt.all()).isZero();
        JsonNode adopted = Json.read(adopt.stdout(), JsonNode.class);
        assertThat(adopted.get("adopted").asBoolean()).isTrue();
        assertThat(adopted.get("backupId").asText()).isNotBlank();
        assertThat(pidsAfterAdopt).as("zero downtime: the same processes").isEqualTo(pidsBefore);
        assertThat(stillRunning).as("the processes that ran before adopt still run").isTrue();
        assertThat(sample.folder().resolve("state/schemas/current.json")).exists();

        assertThat(adoptAgain.exitCode()).as(adoptAgain.all()).isEqualTo(1);
        assertThat(adoptAgain.all()).contains("already records 1.0.0", "lockstep upgrade --to");

        succeeds(upgrade);
        assertThat(upgrade.all())
            .contains("1.0.0 → 1.1.0")
            .contains("Rollback now: `lockstep rollback` would revert the services to 1.0.0");
        assertThat(sample.notes().list())
            .anySatisfy(note -> assertThat(note.id()).isEqualTo(noteId));
        Result history = lockstep.run("history", "--output", "json");
        JsonNode runs = Json.read(history.stdout(), JsonNode.class);
        assertThat(runs).extracting(run -> run.get("kind").asText()).contains("adopt", "upgrade");
      } finally {
        try (Deployment deployment =
            Deployment.open(
                new ConfigLoader(Variables.fromEnvironment().with(sample.environment()))
                    .load(sample.configFile()),
                EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  /** What a deployment installed by hand has: its services and data, nothing of Lockstep's. */
  private static void forgetEverythingButTheRunningServices(SampleDeployment sample)
      throws IOException {
    Path state = sample.folder().resolve("state");
    try (Stream<Path> entries = Files.list(state)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals("services")) {
          delete(entry);
        }
      }
    }
  }

  private static void delete(Path path) throws IOException {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  private static List<Long> servicePids(SampleDeployment sample) {
    return Stream.of("NOTES_API_PORT", "NOTES_WORKER_PORT")
        .map(port -> Integer.parseInt(sample.environment().get(port)))
        .map(port -> LocalProcesses.listener(port).orElseThrow())
        .toList();
  }

  private static void succeeds(Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
  }
}
