package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The fault suite's named faults, each on a sample deployment of its own: the PostgreSQL server
 * killed during a backup, Lockstep killed while pg_dump runs, a service killed during validation, a
 * disk that fills up during a dump, and two Lockstep processes racing on one state folder, and on
 * one database from two state folders. Each ends with the deployment checked whole ({@link
 * DeploymentInvariants}) and a line in the fault suite's table; a failure keeps the deployment's
 * folder.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class FaultScenariosIT {
  private static final Duration RUN = FaultSample.PATIENCE;

  /** One fault: adds what it finds broken to the list. */
  private interface Fault {
    void inject(List<String> failed) throws Exception;
  }

  @Test
  void postgresKilledDuringTheBackup_failsWithNothingChanged_andTheNextRunWorks() {
    try (ThrowawayPostgres server = ThrowawayPostgres.start();
        FaultSample fault = create(server, "fault_pg_kill")) {
      check(
          fault,
          "postgres killed during a backup",
          failed -> {
            List<Long> notes = fault.install(List.of("1.0.0"));
            // A table the release does not know (hence --allow-drift), big enough that pg_dump is
            // still copying it when the server goes; the notes API does not list it.
            FaultFixtures.addBulkTable(fault, 300_000);
            String dbname = fault.sample.config().database().name();
            LockstepJar.Running upgrade =
                fault.start(Map.of(), "upgrade", "--to", "1.1.0", "--allow-drift");
            long pgDump =
                FaultFixtures.awaitProcess(
                    argv ->
                        argv.get(0).endsWith("pg_dump")
                            && argv.contains("--dbname=" + dbname)
                            && argv.contains("--port=" + server.port()),
                    RUN);
            FaultFixtures.killServer(server);
            Result result = upgrade.await(RUN);
            fault.record("upgrade; server killed while pg_dump " + pgDump + " ran", result);
            FaultFixtures.restartServer(server);

            expect(
                failed, result.exitCode() == 1, "the run exited " + result.exitCode() + ", not 1");
            StatusReport after = fault.status();
            expect(failed, after.unfinished() == null, "unfinished run: " + after.currentStep());
            expect(failed, "1.0.0".equals(after.installed()), "installed: " + after.installed());
            failed.addAll(FaultFixtures.partialBackups(fault.sample.config().backupsDir()));
            Result next = fault.run("upgrade", "--to", "1.1.0", "--allow-drift");
            fault.record("the next upgrade, server back", next);
            expect(failed, next.exitCode() == 0, "the next upgrade exited " + next.exitCode());
            failed.addAll(fault.invariants().check("1.1.0", notes));
          });
    }
  }

  @Test
  void lockstepKilledWhilePgDumpRuns_resumeLeavesNoPasswordFile() {
    try (FaultSample fault = create(PostgresExtension.server(), "fault_kill_dump")) {
      check(
          fault,
          "Lockstep killed while pg_dump runs",
          failed -> {
            List<Long> notes = fault.install(List.of("1.0.0"));
            FaultFixtures.addBulkTable(fault, 300_000);
            String dbname = fault.sample.config().database().name();
            LockstepJar.Running upgrade =
                fault.start(Map.of(), "upgrade", "--to", "1.1.0", "--allow-drift");
            long pgDump =
                FaultFixtures.awaitProcess(
                    argv -> argv.get(0).endsWith("pg_dump") && argv.contains("--dbname=" + dbname),
                    RUN);
            upgrade.kill();
            fault.record(
                "upgrade; Lockstep killed while pg_dump " + pgDump + " ran", upgrade.await(RUN));
            ProcessHandle.of(pgDump).ifPresent(dump -> dump.onExit().join());

            Result resumed = fault.run("resume");
            fault.record("resume", resumed);
            // Killed in the backup step: nothing was touched, so the run ends as failed (exit 1)
            // or, resumed to its end, as an upgrade (exit 0).
            expect(
                failed,
                resumed.exitCode() == 0 || resumed.exitCode() == 1,
                "resume exited "
                    + resumed.exitCode()
                    + ": "
                    + KillTrialRunner.lastLine(resumed.all()));
            String installed = fault.status().installed();
            failed.addAll(fault.invariants().check(installed, notes));
            expect(
                failed,
                "1.0.0".equals(installed) || "1.1.0".equals(installed),
                "installed: " + installed);
          });
    }
  }

  @Test
  void serviceKilledDuringValidation_rollsBackWithExit3() {
    try (FaultSample fault = create(PostgresExtension.server(), "fault_validate")) {
      check(
          fault,
          "a service killed during validation",
          failed -> {
            // A slow check keeps the validation going long enough to kill a service in it.
            FaultFixtures.addCheck(fault, "slow check", "sleep 4");
            List<Long> notes = fault.install(List.of("1.0.0"));
            LockstepJar.Running upgrade = fault.start(Map.of(), "upgrade", "--to", "1.1.0");
            upgrade.awaitStderr("Validate 1.1.0: services and checks", RUN);
            long api = FaultFixtures.awaitListener(fault.port("NOTES_API_PORT"), RUN);
            Thread.sleep(1_000); // into the checks, which take 4 s at least
            ProcessHandle.of(api).ifPresent(ProcessHandle::destroyForcibly);
            Result result = upgrade.await(RUN);
            fault.record("upgrade; api (pid " + api + ") killed during validation", result);

            expect(
                failed, result.exitCode() == 3, "the run exited " + result.exitCode() + ", not 3");
            failed.addAll(fault.invariants().check("1.0.0", notes));
          });
    }
  }

  @Test
  void diskFullDuringADump_failsCleanlyAndListsNoPartialBackup() throws Exception {
    try (FaultSample fault = create(PostgresExtension.server(), "fault_disk_full")) {
      Path backups = Files.createDirectories(fault.folder().resolve("small-disk"));
      try (SmallDisk disk = SmallDisk.mount(backups, 24)) {
        check(
            fault,
            "disk full during a dump (" + disk + ")",
            failed -> {
              List<Long> notes = fault.install(List.of("1.0.0"));
              // A command store's size is unknown to the disk-space gate: the run starts.
              FaultFixtures.backUpTo(fault, backups, disk.bigDumpCommand());
              int setsBefore = FaultFixtures.backupCount(fault.sample.config());
              Result result = fault.run("upgrade", "--to", "1.1.0");
              fault.record("upgrade; disk full during a dump", result);

              expect(
                  failed,
                  result.exitCode() == 1,
                  "the run exited " + result.exitCode() + ", not 1");
              expect(
                  failed,
                  result.all().contains("No space left on device"),
                  "the output does not say the disk is full");
              failed.addAll(FaultFixtures.partialBackups(backups));
              try (Stream<Path> left = Files.list(backups)) {
                List<Path> files = left.toList();
                expect(failed, files.isEmpty(), "the backup folder still holds " + files);
              }
              int setsAfter = FaultFixtures.backupCount(fault.sample.config());
              expect(failed, setsAfter == setsBefore, "backup list: " + setsAfter + " sets");
              failed.addAll(fault.invariants().check("1.0.0", notes));
            });
      }
    }
  }

  @Test
  void twoLockstepsOnOneStateFolder_exactlyOneRuns_theOtherNamesIt() {
    try (FaultSample fault = create(PostgresExtension.server(), "fault_race_state")) {
      check(
          fault,
          "two Locksteps, one state folder",
          failed -> {
            List<Long> notes = fault.install(List.of("1.0.0"));
            LockstepJar.Running first = fault.start(Map.of(), "upgrade", "--to", "1.1.0");
            LockstepJar.Running second = fault.start(Map.of(), "upgrade", "--to", "1.1.0");
            Race race = Race.of(first, second);
            fault.record("first (pid " + first.process.pid() + ")", race.firstResult());
            fault.record("second (pid " + second.process.pid() + ")", race.secondResult());

            failed.addAll(race.exactlyOneWon());
            if (race.winner() != null) {
              Result loser = race.loserResult();
              String holder = String.valueOf(race.winner().process.pid());
              expect(failed, loser.exitCode() == 1, "the loser exited " + loser.exitCode());
              expect(
                  failed,
                  loser.all().contains(holder),
                  "the loser does not name the holder (pid "
                      + holder
                      + "): "
                      + KillTrialRunner.lastLine(loser.stderr()));
            }
            failed.addAll(fault.invariants().check("1.1.0", notes));
          });
    }
  }

  @Test
  void twoLockstepsOnOneDatabaseFromTwoStateFolders_theSecondWaitsOrStops() {
    try (FaultSample fault = create(PostgresExtension.server(), "fault_race_db")) {
      check(
          fault,
          "two Locksteps, one database, two state folders",
          failed -> {
            Map<String, String> other =
                Map.of("NOTES_STATE_DIR", fault.folder().resolve("state-b").toString());
            LockstepJar.Running first = fault.start(Map.of(), "upgrade", "--to", "1.1.0");
            LockstepJar.Running second = fault.start(other, "upgrade", "--to", "1.1.0");
            Race race = Race.of(first, second);
            fault.record(
                "first, state folder A (pid " + first.process.pid() + ")", race.firstResult());
            fault.record(
                "second, state folder B (pid " + second.process.pid() + ")", race.secondResult());

            failed.addAll(race.exactlyOneWon());
            if (race.winner() != null) {
              boolean firstWon = race.winner() == first;
              DeploymentConfig winner = firstWon ? fault.sample.config() : fault.config(other);
              DeploymentConfig loser = firstWon ? fault.config(other) : fault.sample.config();
              String pid = String.valueOf(race.winner().process.pid());
              String output = race.loserResult().all();
              // Or it waited for the lock and then found a deployment its own journal does not
              // know, which it refuses to install over.
              boolean named =
                  output.contains(pid)
                      || output.contains(winner.stateDir().toString())
                      || output.contains("lockstep adopt --release");
              expect(
                  failed,
                  named || ranAfter(loser, winner),
                  "the loser neither named the holder (pid "
                      + pid
                      + ", "
                      + winner.stateDir()
                      + ") nor waited for it: "
                      + KillTrialRunner.lastLine(race.loserResult().stderr()));
              failed.addAll(
                  new DeploymentInvariants(
                          winner, fault.environment(), fault.server, List.of(fault.tmp))
                      .check("1.1.0", List.of()));
            }
          });
    }
  }

  private static FaultSample create(ThrowawayPostgres server, String name) {
    try {
      return FaultSample.create(server, name);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs the fault, records its line in the table, and fails if anything was broken. */
  private static void check(FaultSample fault, String what, Fault body) {
    List<String> failed = new ArrayList<>();
    try {
      body.inject(failed);
    } catch (Exception | AssertionError e) {
      failed.add("harness: " + e);
    }
    failed.addAll(fault.stopEverything());
    if (!failed.isEmpty()) {
      fault.keep();
    }
    TrialLog.record("-", "-", what, "-", "-", "-", failed, fault.folder());
    assertThat(failed).as("%s; folder kept: %s", what, fault.folder()).isEmpty();
  }

  /** Whether {@code later}'s last run started after {@code earlier}'s ended. */
  private static boolean ranAfter(DeploymentConfig later, DeploymentConfig earlier) {
    RunReport second = FaultSample.status(later).lastRun();
    RunReport first = FaultSample.status(earlier).lastRun();
    return second != null
        && first != null
        && first.endedAt() != null
        && second.startedAt().isAfter(first.endedAt());
  }

  private static void expect(List<String> failed, boolean holds, String otherwise) {
    if (!holds) {
      failed.add(otherwise);
    }
  }
}
