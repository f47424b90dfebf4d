package dev.lockstep.engine.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.steps.RunFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path's own logic over real manifests and artifacts: the hop runs are stand-ins here (each
 * answers with a report); {@code PathStoryTest} runs real hops on the sample product.
 */
class PathUpgradeTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir Path dir;
  ReleaseCatalog catalog;
  PathReport path;
  final List<String> upgraded = new ArrayList<>();
  final List<Map<String, String>> facts = new ArrayList<>();

  @BeforeEach
  void catalog() throws IOException {
    release("1.0.0", "");
    release("1.1.0", "requiredStop: true\n");
    release("1.2.0", "");
    release("2.0.0", "minimumFrom: 1.2.0\n");
    catalog = new ReleaseCatalog(dir.resolve("releases"));
    path = new PathPlanner(catalog).report(Version.parse("1.0.0"), Version.parse("2.0.0"));
  }

  @Test
  void upgrade_everyHopSucceeding_runsEachInTurnWithItsPathFacts() {
    PathRunReport report = pathUpgrade(hop -> exited(hop, 0)).upgrade(path, listener());

    assertThat(report.status()).isEqualTo("succeeded");
    assertThat(report.exitCode()).isZero();
    assertThat(report.endedOn()).isEqualTo("2.0.0");
    assertThat(report.hops()).containsExactly("1.1.0", "1.2.0", "2.0.0");
    assertThat(upgraded).containsExactly("1.1.0", "1.2.0", "2.0.0");
    assertThat(facts)
        .extracting(f -> f.get(RunFacts.PATH_TO) + " " + f.get(RunFacts.PATH_HOP))
        .containsExactly("2.0.0 1/3", "2.0.0 2/3", "2.0.0 3/3");
    // The first hop's run names the path (the journal records it); the others carry its id.
    assertThat(facts)
        .extracting(f -> f.get(RunFacts.PATH_ID))
        .containsExactly(null, "run-1.1.0", "run-1.1.0");
    assertThat(report.summary())
        .isEqualTo(
            "Upgraded 1.0.0 → 2.0.0 in 3 hops (1.1.0, 1.2.0, 2.0.0), each backed up, verified and"
                + " validated on its own.");
  }

  @Test
  void upgrade_theRestOfAnInterruptedPath_joinsItWithItsIdAndNumbers() {
    PathReport rest = new PathReport("1.1.0", "2.0.0", path.hops().subList(1, path.hops().size()));

    pathUpgrade(hop -> exited(hop, 0)).upgrade(rest, new PathPlace("run-first", 1), listener());

    assertThat(facts)
        .extracting(
            f ->
                f.get(RunFacts.PATH_ID)
                    + " "
                    + f.get(RunFacts.PATH_HOP)
                    + " "
                    + f.get(RunFacts.PATH_TO))
        .containsExactly("run-first 2/3 2.0.0", "run-first 3/3 2.0.0");
  }

  @Test
  void upgrade_aTamperedArtifactFurtherAlong_isRefusedBeforeTheFirstHop() throws IOException {
    Files.writeString(dir.resolve("releases/2.0.0/api.jar"), "not what the vendor published");

    assertThatThrownBy(() -> pathUpgrade(hop -> exited(hop, 0)).upgrade(path, listener()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
        .hasMessageContaining("nothing was touched")
        .hasMessageContaining("components.api.sha256 says")
        .hasMessageContaining(dir.resolve("releases/2.0.0/release.yaml").toString())
        .hasMessageContaining("download it again from the vendor");
    assertThat(upgraded).isEmpty();
  }

  @Test
  void upgrade_aMiddleHopRolledBack_stopsOnTheHopBefore() {
    PathRunReport report =
        pathUpgrade(hop -> exited(hop, hop.equals("1.2.0") ? 3 : 0)).upgrade(path, listener());

    assertThat(report.status()).isEqualTo("rolled_back");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.endedOn()).isEqualTo("1.1.0");
    assertThat(upgraded).containsExactly("1.1.0", "1.2.0");
    assertThat(report.summary())
        .isEqualTo(
            "Hop 2 of 3 (1.1.0 → 1.2.0) failed and was rolled back: the deployment stays on"
                + " 1.1.0, the last good release on the path. Not attempted: 2.0.0. Fix the cause,"
                + " then `lockstep upgrade --to 2.0.0` continues from there.");
  }

  @Test
  void upgrade_aHopWhoseRollbackFailed_saysAnOperatorIsNeeded_andNamesNoRelease() {
    PathRunReport report = pathUpgrade(hop -> exited(hop, 4)).upgrade(path, listener());

    assertThat(report.exitCode()).isEqualTo(4);
    assertThat(report.endedOn()).isNull();
    assertThat(report.summary())
        .startsWith("Hop 1 of 3 (1.0.0 → 1.1.0) failed and its rollback did not complete (exit 4)")
        .contains("an operator is needed")
        .doesNotContain("continues from there");
  }

  @Test
  void upgrade_aLaterHopRefusedByItsGates_stopsOnTheHopBefore_withTheGatesReasons() {
    PathRunReport report =
        pathUpgrade(
                hop -> {
                  if (hop.equals("1.2.0")) {
                    throw blocked(hop);
                  }
                  return exited(hop, 0);
                })
            .upgrade(path, listener());

    assertThat(report.status()).isEqualTo("blocked");
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.endedOn()).isEqualTo("1.1.0");
    assertThat(report.runs()).extracting(RunReport::to).containsExactly("1.1.0");
    assertThat(report.summary())
        .startsWith("Hop 2 of 3 (1.1.0 → 1.2.0) was refused by its gates")
        .contains("disk space for the backup: 2.0 GB free. Fix: free some space.")
        .contains("Not attempted: 1.2.0, 2.0.0.");
  }

  @Test
  void upgrade_theFirstHopRefused_isTheUpgradesOwnRefusal() {
    assertThatThrownBy(
            () ->
                pathUpgrade(
                        hop -> {
                          throw blocked(hop);
                        })
                    .upgrade(path, listener()))
        .isInstanceOf(GateBlockedException.class);
  }

  private interface Hop {
    RunReport run(String release);
  }

  private PathUpgrade pathUpgrade(Hop hop) {
    return new PathUpgrade(
        catalog::get,
        (release, hopFacts, listener) -> {
          upgraded.add(release.toString());
          facts.add(hopFacts);
          return hop.run(release.toString());
        });
  }

  private static PathUpgrade.Listener listener() {
    return new PathUpgrade.Listener() {
      @Override
      public void hopStarts(int number, int count, String from, PathReport.Hop hop) {}

      @Override
      public void planned(Plan plan) {}

      @Override
      public void finished(RunReport report) {}
    };
  }

  private RunReport exited(String release, int exitCode) {
    int index = upgraded.indexOf(release);
    String from = index == 0 ? "1.0.0" : upgraded.get(index - 1);
    String status = exitCode == 0 ? "succeeded" : exitCode == 3 ? "rolled_back" : "failed";
    return new RunReport(
        "run-" + release,
        "upgrade",
        "production",
        from,
        release,
        status,
        exitCode,
        T0,
        T0.plusSeconds(30),
        Duration.ofSeconds(30),
        null,
        "backup-" + release,
        List.of(),
        List.of(),
        List.of(),
        null,
        status,
        null,
        null,
        null);
  }

  private static GateBlockedException blocked(String release) {
    return new GateBlockedException(
        new Plan(
            "production",
            "1.1.0",
            release,
            List.of(),
            List.of(),
            List.of(
                GateResult.blocked(
                    "disk space for the backup", "2.0 GB free.", "free some space.")),
            null,
            "",
            null,
            ""));
  }

  private void release(String version, String extra) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("releases").resolve(version));
    Files.writeString(folder.resolve("api.jar"), "api " + version);
    Files.writeString(
        folder.resolve("release.yaml"),
        "product: app\nversion: "
            + version
            + "\ncomponents:\n  api:\n    file: api.jar\n    sha256: "
            + Sha256.of(folder.resolve("api.jar"))
            + "\n"
            + extra);
  }
}
