package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir Path stateDir;

  @Test
  void aWatch_keepsItsSamplesAndEvents_acrossAReopen() {
    Path file = stateDir.resolve("journal.db");
    String runId;
    try (Journal journal = Journal.open(file, Clock.fixed(NOW, ZoneOffset.UTC))) {
      runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
      journal.watches().start(runId, "1.1.0", "1.0.0", NOW.plusSeconds(3600));
      journal
          .watches()
          .addSamples(
              runId,
              List.of(
                  new RecordedSample("errors", SampleSeries.BASELINE, NOW.minusSeconds(30), 0.5),
                  new RecordedSample("errors", SampleSeries.WATCHED, NOW.plusSeconds(15), 0.75),
                  new RecordedSample("memory", SampleSeries.WATCHED, NOW.plusSeconds(15), 1e9)));
      journal.watches().addEvent(runId, "notice sent to ops");
    }

    try (Journal journal = Journal.open(file)) {
      WatchRecord watch = journal.watches().watch(runId).orElseThrow();
      assertThat(watch.status()).isEqualTo(WatchStatus.WATCHING);
      assertThat(watch.endsAt()).isEqualTo(NOW.plusSeconds(3600));
      assertThat(watch.orphaned()).isFalse();
      assertThat(journal.watches().samples(runId))
          .containsExactly(
              new RecordedSample("errors", SampleSeries.BASELINE, NOW.minusSeconds(30), 0.5),
              new RecordedSample("errors", SampleSeries.WATCHED, NOW.plusSeconds(15), 0.75),
              new RecordedSample("memory", SampleSeries.WATCHED, NOW.plusSeconds(15), 1e9));
      assertThat(journal.watches().events(runId))
          .extracting(WatchEvent::what)
          .containsExactly("notice sent to ops");

      journal.watches().finish(runId, WatchStatus.PASSED, "every signal held");
      assertThat(journal.watches().all())
          .singleElement()
          .satisfies(
              done -> {
                assertThat(done.status()).isEqualTo(WatchStatus.PASSED);
                assertThat(done.endedAt()).isNotNull();
                assertThat(done.summary()).isEqualTo("every signal held");
              });
    }
  }

  @Test
  void clearBaseline_forgetsOnlyTheBaseline() {
    try (Journal journal = Journal.empty()) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
      journal
          .watches()
          .addSamples(
              runId,
              List.of(
                  new RecordedSample("lag", SampleSeries.BASELINE, NOW, 1),
                  new RecordedSample("lag", SampleSeries.WATCHED, NOW.plusSeconds(1), 2)));

      journal.watches().clearBaseline(runId);

      assertThat(journal.watches().samples(runId))
          .extracting(RecordedSample::series)
          .containsExactly(SampleSeries.WATCHED);
    }
  }

  @Test
  void aJournalOfTheReleaseBefore_isMigratedWithItsRunsAndGainsWatches() throws SQLException {
    Path file = stateDir.resolve("journal.db");
    // What the release before this one wrote: the format up to version 2.
    try (JournalConnection db = JournalConnection.open("jdbc:sqlite:" + file)) {
      new JournalSchema(List.of(JournalMigrations.ALL.get(0))).bringUpToDate(db, file);
      db.update(
          "INSERT INTO runs (id, kind, environment, from_version, to_version, status, started_at,"
              + " owner_pid, owner_start) VALUES ('run-1', 'UPGRADE', 'prod', '1.0.0', '1.1.0',"
              + " 'SUCCEEDED', 0, 1, 0)");
    }

    try (Journal journal = Journal.open(file)) {
      assertThat(journal.upgrade()).isPresent();
      assertThat(journal.run("run-1")).isPresent();
      journal.watches().start("run-1", "1.1.0", "1.0.0", NOW);
      assertThat(journal.watches().watch("run-1")).isPresent();
    }
  }
}
