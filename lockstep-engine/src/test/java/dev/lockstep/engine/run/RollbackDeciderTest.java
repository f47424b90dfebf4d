package dev.lockstep.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.RollbackStrategy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackDeciderTest {
  private static final ReleaseManifest V1 = release("1.0.0", script("1", MigrationClass.EXPAND));
  private static final ReleaseManifest V2 =
      release("1.1.0", script("1", MigrationClass.EXPAND), script("2", MigrationClass.EXPAND));
  private static final ReleaseManifest V3 =
      release(
          "2.0.0",
          script("1", MigrationClass.EXPAND),
          script("2", MigrationClass.EXPAND),
          script("3", MigrationClass.CONTRACT));

  private final RollbackDecider decider = new RollbackDecider();

  @Test
  void decide_nothingTouched_nothingToUndo() {
    assertThat(decider.decide(V1, V2, false, List.of("1")).strategy())
        .isEqualTo(RollbackStrategy.NOTHING_TO_UNDO);
  }

  @Test
  void decide_servicesStoppedButNoMigration_revertsServices() {
    assertThat(decider.decide(V1, V2, true, List.of("1")).strategy())
        .isEqualTo(RollbackStrategy.REVERT_SERVICES);
  }

  @Test
  void decide_expandOnly_revertsServicesOnTheNewSchema() {
    RollbackDecider.Decision decision = decider.decide(V1, V2, true, List.of("1", "2"));

    assertThat(decision.strategy()).isEqualTo(RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA);
    assertThat(decision.reason()).contains("V2");
  }

  @Test
  void decide_contractApplied_restoresTheBackup() {
    RollbackDecider.Decision decision = decider.decide(V2, V3, true, List.of("1", "2", "3"));

    assertThat(decision.strategy()).isEqualTo(RollbackStrategy.RESTORE_BACKUP);
    assertThat(decision.reason()).contains("contract migration V3").contains("1.1.0 cannot run");
  }

  @Test
  void decide_contractApplied_separatesWhatTheHistoryShowsFromTheDeclaredClass() {
    RollbackDecider.Decision decision = decider.decide(V2, V3, true, List.of("1", "2", "3"));

    assertThat(decision.proven()).singleElement().asString().contains("V3").contains("ran");
    assertThat(decision.inferred())
        .singleElement()
        .asString()
        .contains("declares")
        .contains("1.1.0 cannot run");
  }

  @Test
  void decide_expandOnly_callsTheOldReleaseRunningOnTheSchemaInferred() {
    RollbackDecider.Decision decision = decider.decide(V1, V2, true, List.of("1", "2"));

    assertThat(decision.proven()).singleElement().asString().contains("V2");
    assertThat(decision.inferred()).singleElement().asString().contains("1.0.0 runs");
  }

  @Test
  void decide_migrationAppliedEvenIfServicesUntouched_countsAsTouched() {
    assertThat(decider.decide(V2, V3, false, List.of("1", "2", "3")).strategy())
        .isEqualTo(RollbackStrategy.RESTORE_BACKUP);
  }

  @Test
  void decide_migrationTheReleaseDoesNotDeclare_isTreatedAsContract() {
    assertThat(decider.decide(V1, V2, true, List.of("1", "2", "7")).strategy())
        .isEqualTo(RollbackStrategy.RESTORE_BACKUP);
  }

  @Test
  void decide_firstInstall_stopsServices() {
    assertThat(decider.decide(null, V1, true, List.of("1")).strategy())
        .isEqualTo(RollbackStrategy.STOP_SERVICES);
    assertThat(decider.decide(null, V1, false, List.of()).strategy())
        .isEqualTo(RollbackStrategy.NOTHING_TO_UNDO);
  }

  private static MigrationScript script(String version, MigrationClass type) {
    return new MigrationScript(version, "m" + version, Path.of("V" + version + "__m.sql"), type);
  }

  private static ReleaseManifest release(String version, MigrationScript... scripts) {
    return new ReleaseManifest(
        Path.of("release.yaml"),
        "p",
        Version.parse(version),
        Map.of(),
        null,
        List.of(scripts),
        null);
  }
}
