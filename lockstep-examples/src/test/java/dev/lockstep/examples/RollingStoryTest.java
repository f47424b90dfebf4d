package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.RolloutConfig.Strategy;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.targets.balancer.haproxy.HaproxyBalancer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The second seed's clustered upgrade, end to end on real parts: three nodes of the sample api
 * behind a real HAProxy, one of them on a host reached over real SSH, a worker behind no balancer,
 * and a steady stream of reads and writes through HAProxy during every roll: not one failed
 * request, and every write readable afterwards. Each test has its own fleet (database, folder,
 * ports, HAProxy, sshd), so they run at once, beside the other story tests.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class RollingStoryTest {
  private static final int REQUESTS = 5_000;

  /** Requests a second: 5,000 of them span the failed roll, its reversal and the roll after it. */
  private static final int RATE = 100;

  private static final UpgradeOptions DOWNTIME =
      new UpgradeOptions(null, false, false, Strategy.DOWNTIME);
  private static final Version V1 = Version.parse("1.0.0");
  private static final Version V1_1 = Version.parse("1.1.0");

  private Fleet fleet;
  private Deployment deployment;
  private final List<String> phases = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void tearDown() {
    try {
      if (deployment != null) {
        deployment.close();
      }
    } finally {
      if (fleet != null) {
        fleet.close();
      }
    }
  }

  @Test
  void roll_underLoad_aNodeFailingItsHealthCheckReversesIt_thenTheRollSucceeds_noRequestFails()
      throws Exception {
    open(Fleet.create("auto", "20s"));
    installAndRehearse();
    Plan plan = deployment.plan(V1_1);
    assertThat(plan.rolling().chosen()).as(plan.rolling().toString()).isTrue();
    assertThat(plan.downtime()).startsWith("none");
    fleet.breakNode("web-2", "1.1.0");

    RunReport reversed;
    RunReport rolled;
    LoadGenerator load =
        LoadGenerator.start(fleet.frontendPort(), 8, RATE, 100_000, Duration.ofMinutes(8));
    try {
      load.awaitAtLeast(300);
      reversed = deployment.upgrade(V1_1);
      int duringTheFailedRoll = load.sent();
      fleet.repairNode("web-2", "1.1.0");
      rolled = deployment.upgrade(V1_1);
      System.out.printf(
          "rolling story: %d requests through the failed roll and its reversal, %d in all;"
              + " p50 %.1f ms, p99 %.1f ms; %s%n",
          duringTheFailedRoll,
          load.sent(),
          load.latencyMillis(50),
          load.latencyMillis(99),
          rolled.steps().stream().map(s -> s.name() + " " + s.duration()).toList());
      load.awaitAtLeast(REQUESTS);
    } finally {
      load.stopNow();
    }

    assertThat(load.failures()).as("failed requests of " + load.sent()).isEmpty();
    assertThat(load.sent()).isGreaterThanOrEqualTo(REQUESTS);

    assertThat(reversed.status()).as(reversed.summary()).isEqualTo("rolled_back");
    assertThat(reversed.summary())
        .contains("api@web-2 did not become ready on 1.1.0")
        .contains("answered 503");
    assertThat(reversed.steps())
        .extracting(StepReport::name)
        .containsSubsequence(
            "roll api 1/3",
            "roll api 2/3",
            "revert worker 1/1",
            "revert api 3/3",
            "revert api 2/3",
            "revert api 1/3",
            "validate")
        .doesNotContain("stop-services", "roll api 3/3");

    assertThat(rolled.status()).as(rolled.summary()).isEqualTo("succeeded");
    assertThat(rolled.steps())
        .extracting(StepReport::name)
        .containsSubsequence(
            "backup",
            "verify-backup",
            "migrate",
            "roll api 1/3",
            "roll api 2/3",
            "roll api 3/3",
            "roll worker 1/1",
            "validate")
        .doesNotContain("stop-services");
    for (String node : Fleet.NODES) {
      assertThat(fleet.versionOn(node)).as(node).isEqualTo("1.1.0");
    }
    assertThat(phases).contains("api@web-3 draining", "api@web-3 done 3/4");

    Map<Long, String> unread = new HashMap<>(load.written());
    assertThat(unread).isNotEmpty();
    fleet.throughBalancer().list().forEach(note -> unread.remove(note.id()));
    assertThat(unread).as("writes not readable after the roll").isEmpty();
  }

  @Test
  void roll_aNodeDyingSoonAfterItIsBackInRotation_isCaughtWhileWatched_andTheRollReverses()
      throws Exception {
    open(Fleet.create("rolling", "30s", "10s"));
    installAndRehearse();
    fleet.crashNodeAfter("web-2", "1.1.0", Duration.ofSeconds(4));

    RunReport reversed = deployment.upgrade(V1_1);

    assertThat(reversed.status()).as(reversed.summary()).isEqualTo("rolled_back");
    assertThat(reversed.summary())
        .contains("api@web-2 was ready on 1.1.0 but did not stay ready for 10.0s: after ")
        .contains("It is out of rotation");
    assertThat(reversed.steps())
        .extracting(StepReport::name)
        .containsSubsequence("roll api 1/3", "roll api 2/3", "revert api 2/3", "revert api 1/3")
        .doesNotContain("roll api 3/3");
    assertThat(phases)
        .contains("api@web-1 back in rotation, watched for 10.0s", "api@web-1 done 1/4");
    HaproxyBalancer haproxy = HaproxyBalancer.of(deployment.config().balancer());
    for (String node : Fleet.NODES) {
      assertThat(fleet.versionOn(node)).as(node).isEqualTo("1.0.0");
      assertThat(haproxy.state(node)).get().extracting(s -> s.status()).isEqualTo("UP");
    }
  }

  @Test
  void roll_killedWithANodeDrained_resumesAtThatNode_thenRollsBackNodeByNode_noRequestFails()
      throws Exception {
    open(Fleet.create("rolling", "30s"));
    installAndRehearse();
    LoadGenerator load =
        LoadGenerator.start(fleet.frontendPort(), 2, 20, 100_000, Duration.ofMinutes(5));
    try {
      Process lockstep = killedWhenPaused("forward:roll api 2/3:web-2 drained");
      HaproxyBalancer haproxy = HaproxyBalancer.of(deployment.config().balancer());
      assertThat(haproxy.state("web-2")).get().extracting(s -> s.status()).isEqualTo("DRAIN");
      assertThat(lockstep.isAlive()).isFalse();

      RunReport resumed = deployment.resume(false);

      assertThat(resumed.status()).as(resumed.summary()).isEqualTo("succeeded");
      for (String node : Fleet.NODES) {
        assertThat(fleet.versionOn(node)).as(node).isEqualTo("1.1.0");
        assertThat(haproxy.state(node)).get().extracting(s -> s.status()).isEqualTo("UP");
      }

      RunReport rolledBack = deployment.rollback();

      assertThat(rolledBack.status()).as(rolledBack.summary()).isEqualTo("succeeded");
      assertThat(rolledBack.steps())
          .extracting(StepReport::name)
          .containsSubsequence("revert worker 1/1", "revert api 3/3", "revert api 1/3", "validate")
          .doesNotContain("stop-services");
      for (String node : Fleet.NODES) {
        assertThat(fleet.versionOn(node)).as(node).isEqualTo("1.0.0");
      }
      load.awaitAtLeast(load.sent() + 100);
    } finally {
      load.stopNow();
    }
    assertThat(load.failures()).as("failed requests of " + load.sent()).isEmpty();
  }

  @Test
  void roll_withAContractMigrationHeldBack_appliesItAfterTheLastNode_thenARollbackRestores()
      throws Exception {
    open(Fleet.create("auto", "30s"));
    TagsRequiredRelease.writeInto(fleet.sample.folder().resolve("releases"));
    TestSamples.compileReleases(fleet.sample);
    deployment.upgrade(V1, DOWNTIME);
    long before = fleet.throughBalancer().write("before", "the roll", null);
    assertThat(deployment.rehearse(TagsRequiredRelease.VERSION).forwardCompatible()).isTrue();
    Plan plan = deployment.plan(TagsRequiredRelease.VERSION);
    assertThat(plan.rolling().chosen()).as(plan.rolling().toString()).isTrue();
    assertThat(plan.downtime())
        .startsWith("none")
        .contains("1 held back until every node runs the release");

    RunReport rolled;
    LoadGenerator load =
        LoadGenerator.start(fleet.frontendPort(), 2, 20, 100_000, Duration.ofMinutes(5));
    try {
      rolled = deployment.upgrade(TagsRequiredRelease.VERSION);
    } finally {
      load.stopNow();
    }

    assertThat(load.failures()).as("failed requests of " + load.sent()).isEmpty();
    assertThat(rolled.status()).as(rolled.summary()).isEqualTo("succeeded");
    assertThat(rolled.steps())
        .extracting(StepReport::name)
        .containsSubsequence(
            "migrate", "roll api 3/3", "roll worker 1/1", "migrate-after-rollout", "validate")
        .doesNotContain("stop-services");
    assertThat(rolled.migrations())
        .extracting(m -> m.version() + " " + m.type())
        .containsExactly("2 expand", "3 contract");
    assertThat(tagsMayBeNull()).contains(false);
    assertThat(deployment.rollbackPreview().strategy()).isEqualTo("restore_backup");

    RunReport back = deployment.rollback();

    assertThat(back.status()).as(back.summary()).isEqualTo("succeeded");
    for (String node : Fleet.NODES) {
      assertThat(fleet.versionOn(node)).as(node).isEqualTo("1.0.0");
    }
    assertThat(fleet.throughBalancer().list()).extracting(NotesClient.Note::id).contains(before);
    assertThat(tagsMayBeNull()).as("1.0.0's schema, restored, has no tags").isEmpty();
  }

  /** Whether the database lets notes.tags be NULL; empty when there is no such column. */
  private Optional<Boolean> tagsMayBeNull() throws SQLException {
    try (Connection connection = new Database(deployment.config().database()).connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT NOT attnotnull FROM pg_attribute"
                    + " WHERE attrelid = 'public.notes'::regclass AND attname = 'tags'")) {
      return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
    }
  }

  @Test
  void rollingAskedFor_aContractRelease_isRefusedWithTheReason_andNothingIsTouched() {
    open(Fleet.create("rolling", "30s"));
    deployment.upgrade(V1, DOWNTIME);

    Plan plan =
        deployment.plan(
            Version.parse("2.0.0"), new UpgradeOptions(null, false, false, Strategy.ROLLING));

    assertThat(plan.blocked()).isTrue();
    assertThat(plan.blockingGates())
        .singleElement()
        .satisfies(
            gate -> {
              assertThat(gate.gate()).isEqualTo("Rolling upgrade");
              assertThat(gate.message())
                  .contains("2.0.0 does not declare itself compatible with 1.0.0")
                  .contains("V3 rename body to content is declared contract");
            });
    Plan auto =
        deployment.plan(
            Version.parse("2.0.0"), new UpgradeOptions(null, false, false, Strategy.AUTO));
    assertThat(auto.blocked()).isFalse();
    assertThat(auto.rolling().choice()).startsWith("this run stops every service");
  }

  @Test
  void downtimeUpgrade_copiesTheReleaseToTheHostBeforeAnyServiceStops() throws Exception {
    open(Fleet.create("downtime", "30s"));

    RunReport installed = deployment.upgrade(V1, DOWNTIME);

    assertThat(installed.status()).as(installed.summary()).isEqualTo("succeeded");
    List<String> log = Files.readAllLines(deployment.config().logsDir().resolve("target.log"));
    int copied = indexOf(log, "] copied .*/1\\.0\\.0/api\\.java to web-3 .*");
    int firstStop = indexOf(log, "] \\w+@[\\w-]+ stop.*");
    assertThat(copied).as(String.join("\n", log)).isNotNegative().isLessThan(firstStop);
    assertThat(log).filteredOn(line -> line.contains("] copied ")).hasSize(1);
    assertThat(log)
        .filteredOn(line -> line.contains("] api@web-3 install"))
        .singleElement()
        .asString()
        .as("the install checks the copy in place instead of copying again")
        .contains("lockstep_sha256=");
  }

  private static int indexOf(List<String> lines, String regex) {
    Pattern pattern = Pattern.compile(regex);
    for (int i = 0; i < lines.size(); i++) {
      if (pattern.matcher(lines.get(i)).find()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs the upgrade to 1.1.0 in a second JVM until it pauses at {@code point}, then kills it with
   * SIGKILL.
   */
  private Process killedWhenPaused(String point) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // Its native library unpacked here: a JVM killed with SIGKILL cannot remove it.
            "-Dorg.sqlite.tmpdir=" + fleet.sample.folder(),
            "-cp",
            System.getProperty("java.class.path"),
            RollingUpgradeMain.class.getName(),
            fleet.configFile.toString(),
            "1.1.0");
    builder.environment().putAll(fleet.sample.environment());
    builder.environment().put(CrashPoints.VARIABLE, point);
    builder.redirectErrorStream(true);
    Process lockstep = builder.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(lockstep.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
        if (line.startsWith("lockstep: paused at " + point)) {
          lockstep.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          return lockstep;
        }
      }
    }
    lockstep.destroyForcibly();
    throw new AssertionError("Lockstep ended before pausing at " + point + ": " + output);
  }

  private void open(Fleet created) {
    fleet = created;
    deployment =
        Deployment.open(
            fleet.config(),
            new EngineOptions(
                new RunListener() {
                  @Override
                  public void nodeProgress(
                      String service, String node, String phase, int done, int total) {
                    phases.add(
                        service
                            + "@"
                            + node
                            + " "
                            + phase
                            + (phase.equals("done") ? " " + done + "/" + total : ""));
                  }
                },
                Progress.NONE,
                Clock.systemUTC(),
                CrashPoints.none()));
  }

  /** 1.0.0 on every node (a first install has downtime), then a rehearsal of 1.1.0. */
  private void installAndRehearse() {
    RunReport installed = deployment.upgrade(V1, DOWNTIME);
    assertThat(installed.status()).as(installed.summary()).isEqualTo("succeeded");
    fleet.throughBalancer().write("before", "the roll", null);
    assertThat(deployment.rehearse(V1_1).forwardCompatible()).isTrue();
  }
}
