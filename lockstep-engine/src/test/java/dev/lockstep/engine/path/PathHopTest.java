package dev.lockstep.engine.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.steps.RunFacts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathHopTest {

  @Test
  void of_aHopWithItsPath_readsItsPlace() {
    PathHop hop =
        PathHop.of(
                "run-2",
                Map.of(
                    RunFacts.PATH_TO, "2.0.0", RunFacts.PATH_HOP, "2/3", RunFacts.PATH_ID, "run-1"))
            .orElseThrow();

    assertThat(hop).isEqualTo(new PathHop("run-1", 2, 3, "2.0.0"));
    assertThat(hop.last()).isFalse();
    assertThat(hop.label()).isEqualTo("2/3 → 2.0.0");
  }

  @Test
  void of_aRunThatWasNoHop_isEmpty() {
    assertThat(PathHop.of("run-1", Map.of(RunFacts.BACKUP_ID, "b-1"))).isEmpty();
  }

  @Test
  void of_hopsJournaledBeforePathsHadIds_onlyTheFirstNamesItsPath() {
    Map<String, String> first = Map.of(RunFacts.PATH_TO, "2.0.0", RunFacts.PATH_HOP, "1/3");
    Map<String, String> second = Map.of(RunFacts.PATH_TO, "2.0.0", RunFacts.PATH_HOP, "2/3");

    assertThat(PathHop.of("run-1", first)).contains(new PathHop("run-1", 1, 3, "2.0.0"));
    assertThat(PathHop.of("run-2", second)).isEmpty();
  }

  @Test
  void of_aDamagedHopNumber_isNoHop() {
    assertThat(PathHop.of("run-1", Map.of(RunFacts.PATH_TO, "2.0.0", RunFacts.PATH_HOP, "x")))
        .isEmpty();
  }

  @Test
  void lastOrNone_isTrueForTheLastHopAndForAnUpgradeThatIsNoHop() {
    assertThat(PathHop.lastOrNone(Map.of(RunFacts.PATH_TO, "2.0.0", RunFacts.PATH_HOP, "3/3")))
        .isTrue();
    assertThat(PathHop.lastOrNone(Map.of(RunFacts.PATH_TO, "2.0.0", RunFacts.PATH_HOP, "1/3")))
        .isFalse();
    assertThat(PathHop.lastOrNone(Map.of())).isTrue();
  }
}
