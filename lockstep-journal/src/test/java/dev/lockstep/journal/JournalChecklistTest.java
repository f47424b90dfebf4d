package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalChecklistTest {
  @TempDir Path stateDir;

  @Test
  void recordChecklist_numbersThemPerRunAndReadsThemBackInOrder() {
    Path file = stateDir.resolve("journal.db");
    String runId;
    String otherRunId;
    try (Journal journal = Journal.open(file)) {
      runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
      otherRunId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.2.0").id();
      Checklist forward =
          journal.recordChecklist(
              runId,
              Phase.FORWARD,
              1,
              List.of("backup", "verify-backup", "migrate"),
              "{\"to\":\"1.1.0\",\"snapshot\":true}");
      Checklist rollback =
          journal.recordChecklist(
              runId, Phase.ROLLBACK, 4, List.of("stop-services", "restore"), "{}");
      Checklist other =
          journal.recordChecklist(otherRunId, Phase.FORWARD, 1, List.of("backup"), "{}");

      assertThat(forward.number()).isEqualTo(1);
      assertThat(rollback.number()).isEqualTo(2);
      assertThat(other.number()).isEqualTo(1);
    }

    try (Journal journal = Journal.open(file)) {
      assertThat(journal.checklists(runId))
          .containsExactly(
              new Checklist(
                  runId,
                  1,
                  Phase.FORWARD,
                  1,
                  List.of("backup", "verify-backup", "migrate"),
                  "{\"to\":\"1.1.0\",\"snapshot\":true}"),
              new Checklist(
                  runId, 2, Phase.ROLLBACK, 4, List.of("stop-services", "restore"), "{}"));
      assertThat(journal.checklists(otherRunId)).extracting(Checklist::number).containsExactly(1);
      assertThat(journal.checklists("no-such-run")).isEmpty();
    }
  }

  @Test
  void recordChecklist_keepsStepNamesExactly() {
    List<String> awkward = List.of("quote\"d", "comma,and space", "ünïcode", "");
    try (Journal journal = Journal.empty()) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", null, "1.0.0").id();
      journal.recordChecklist(runId, Phase.FORWARD, 1, awkward, "{}");

      assertThat(journal.checklists(runId).get(0).steps()).isEqualTo(awkward);
    }
  }
}
