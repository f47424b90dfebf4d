package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.path.PathReport;
import dev.lockstep.engine.path.PathRunReport;
import dev.lockstep.engine.path.PathUpgrade;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code upgrade --to 2.0.0} from 1.0.0 across a required stop (1.1.0) and 2.0.0's {@code
 * minimumFrom} (1.5.0): three hops on the sample product, real PostgreSQL, real processes.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class PathStoryTest {
  private static final Version V1 = Version.parse("1.0.0");
  private static final Version V2 = Version.parse("2.0.0");

  SampleRun run;

  @BeforeEach
  void deploy() {
    run = new SampleRun();
  }

  @AfterEach
  void tearDown() {
    run.close();
  }

  @Test
  void upgrade_acrossARequiredStop_installsEachHopInTurn_eachBackedUpVerifiedAndValidated()
      throws IOException {
    // No note written on 1.0.0: it has no tags, and the sample's 2.0.0 fails on a note without
    // tags (the demo's failing upgrade).
    PathReport path = installAndFindPath(false);
    Hops hops = new Hops();

    PathRunReport report = run.deployment.upgradeAlong(path, UpgradeOptions.defaults(), hops);

    assertThat(report.status()).as(report.toString()).isEqualTo("succeeded");
    assertThat(report.exitCode()).isZero();
    assertThat(report.endedOn()).isEqualTo("2.0.0");
    assertThat(report.runs())
        .extracting(RunReport::from, RunReport::to, RunReport::status)
        .containsExactly(
            tuple("1.0.0", "1.1.0", "succeeded"),
            tuple("1.1.0", "1.5.0", "succeeded"),
            tuple("1.5.0", "2.0.0", "succeeded"));
    assertThat(report.runs())
        .allSatisfy(
            hop -> {
              assertThat(hop.backupId()).as(hop.runId()).isNotNull();
              assertThat(hop.steps())
                  .extracting(StepReport::name)
                  .startsWith("backup", "verify-backup")
                  .endsWith("validate");
            });
    assertThat(report.runs().get(2).migrations()).extracting(m -> m.version()).containsExactly("3");
    assertThat(hops.said)
        .containsExactly(
            "hop 1/3 1.0.0 → 1.1.0 (required stop)",
            "plan 1.1.0",
            "finished 1.1.0 succeeded",
            "hop 2/3 1.1.0 → 1.5.0 (minimumFrom of 2.0.0)",
            "plan 1.5.0",
            "finished 1.5.0 succeeded",
            "hop 3/3 1.5.0 → 2.0.0 (target)",
            "plan 2.0.0",
            "finished 2.0.0 succeeded");
    StatusReport status = run.deployment.status();
    assertThat(status.installed()).isEqualTo("2.0.0");
    assertThat(status.services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("2.0.0"));
  }

  @Test
  void aMiddleHopThatFails_rollsBackThatHopOnly_andStopsHealthyOnTheFirstHopsRelease()
      throws IOException {
    PathReport path = installAndFindPath(true);
    long id = run.sample.notes().write("first", "kept through a failed hop", "a");
    Hops hops = new Hops();

    PathRunReport report = run.deployment.upgradeAlong(path, UpgradeOptions.defaults(), hops);

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.endedOn()).isEqualTo("1.1.0");
    assertThat(report.runs())
        .extracting(RunReport::to, RunReport::status)
        .containsExactly(tuple("1.1.0", "succeeded"), tuple("1.5.0", "rolled_back"));
    assertThat(report.runs().get(1).rollback().strategy()).isEqualTo("revert_services");
    assertThat(report.summary())
        .startsWith("Hop 2 of 3 (1.1.0 → 1.5.0) failed and was rolled back")
        .contains("stays on 1.1.0")
        .contains("Not attempted: 2.0.0.")
        .contains("`lockstep upgrade --to 2.0.0` continues from there");
    assertThat(hops.said).noneMatch(line -> line.contains("2.0.0 (target)"));
    StatusReport status = run.deployment.status();
    assertThat(status.installed()).isEqualTo("1.1.0");
    assertThat(status.services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.1.0"));
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
  }

  /** 1.0.0 installed, the path releases written, and the path from there to 2.0.0. */
  private PathReport installAndFindPath(boolean brokenMiddle) throws IOException {
    PathReleases.writeInto(run.sample.folder().resolve("releases"), brokenMiddle);
    TestSamples.compileReleases(run.sample);
    RunReport installed = run.deployment.upgrade(V1);
    assertThat(installed.exitCode()).as(installed.toString()).isZero();
    PathReport path = run.deployment.pathWithStops(V2).orElseThrow();
    assertThat(path.hops())
        .extracting(PathReport.Hop::version, PathReport.Hop::why)
        .containsExactly(
            tuple("1.1.0", "required stop"),
            tuple("1.5.0", "minimumFrom of 2.0.0"),
            tuple("2.0.0", "target"));
    return path;
  }

  /** What the path told its listener, in order. */
  private static final class Hops implements PathUpgrade.Listener {
    final List<String> said = new CopyOnWriteArrayList<>();

    @Override
    public void hopStarts(int number, int count, String from, PathReport.Hop hop) {
      said.add(
          "hop "
              + number
              + "/"
              + count
              + " "
              + from
              + " → "
              + hop.version()
              + " ("
              + hop.why()
              + ")");
    }

    @Override
    public void planned(Plan plan) {
      said.add("plan " + plan.to());
    }

    @Override
    public void finished(RunReport report) {
      said.add("finished " + report.to() + " " + report.status());
    }
  }
}
