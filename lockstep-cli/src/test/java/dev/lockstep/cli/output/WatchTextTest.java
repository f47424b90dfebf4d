package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.SignalVerdict;
import dev.lockstep.engine.watch.WatchOutcome;
import dev.lockstep.engine.watch.WatchSummary;
import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watch in words: while it runs, at its end, and in {@code lockstep status}. */
class WatchTextTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void whileWatching_aLineOnlyWhenAVerdictChanges_andEachUnreadableReasonOnce() {
    StringWriter out = new StringWriter();
    WatchText text = new WatchText(new PrintWriter(out));

    text.judged(T0, List.of(judgement("errors", SignalVerdict.NOT_ENOUGH_DATA)));
    text.judged(T0.plusSeconds(15), List.of(judgement("errors", SignalVerdict.NOT_ENOUGH_DATA)));
    text.judged(T0.plusSeconds(30), List.of(judgement("errors", SignalVerdict.PASS)));
    text.readFailed("lag", "connection refused");
    text.readFailed("lag", "connection refused");
    text.event("Reverting to 1.0.0 by itself");

    assertThat(out.toString().lines())
        .containsExactly(
            "[2026-12-07T10:00:00Z] errors (rate, must not rise): not enough data — because",
            "[2026-12-07T10:00:30Z] errors (rate, must not rise): pass — because",
            "  lag could not be read: connection refused",
            "» Reverting to 1.0.0 by itself");
  }

  @Test
  void atTheEnd_theVerdictsAndTheExitCodeOfEachEnding() {
    WatchOutcome outcome =
        new WatchOutcome(
            "run-1",
            WatchStatus.REVERTED,
            "Reverted to 1.0.0: memory grew",
            List.of(judgement("memory", SignalVerdict.FAIL)));

    assertThat(WatchText.render(outcome))
        .isEqualTo(
            """
            Watch of run run-1: reverted
              memory (rate, must not rise): fail — because
            Reverted to 1.0.0: memory grew""");
    assertThat(WatchText.exitCode(WatchStatus.PASSED)).isZero();
    assertThat(WatchText.exitCode(WatchStatus.INCONCLUSIVE)).isEqualTo(1);
    assertThat(WatchText.exitCode(WatchStatus.REVERTED)).isEqualTo(3);
    assertThat(WatchText.exitCode(WatchStatus.FAILED)).isEqualTo(4);
  }

  @Test
  void status_afterAContractMigration_saysThePointOfNoReturnAndTheDataLostSoFar() {
    RollbackNow restore =
        new RollbackNow(
            "restore_backup",
            "stop the services, restore backup b-1, redeploy 1.1.0",
            "the schema change measured is contract",
            List.of(),
            List.of(),
            "backup b-1",
            "b-1",
            T0);
    WatchSummary watch =
        new WatchSummary(
            "run-1",
            "2.0.0",
            WatchStatus.WATCHING,
            true,
            T0,
            T0.plusSeconds(48 * 3600),
            null,
            null,
            List.of(judgement("errors", SignalVerdict.PASS)),
            List.of(new WatchEvent(T0, "Point of no return: a rollback now means a restore")));
    StatusReport status =
        new StatusReport(
            "production", "2.0.0", T0, null, false, null, null, List.of(), restore, watch);

    String text =
        StatusText.render(status, Clock.fixed(T0.plusSeconds(3 * 3600 + 720), ZoneOffset.UTC));

    assertThat(text)
        .contains(
            "Point of no return: passed. A rollback now means a restore: stop the services,"
                + " restore backup b-1, redeploy 1.1.0; it would lose every write since"
                + " 2026-12-07T10:00:00Z (3h 12m so far).")
        .contains("Watch:       watching — its process is gone; `lockstep watch run-1` goes on")
        .contains("  errors: pass — because")
        .contains("  » Point of no return: a rollback now means a restore");
  }

  @Test
  void status_whileTheRollbackIsARevert_saysNoDataIsLost() {
    RollbackNow revert =
        new RollbackNow(
            "revert_services",
            "revert the services to 1.0.0",
            "no migration ran",
            List.of(),
            List.of(),
            null,
            null,
            null);
    StatusReport status =
        new StatusReport(
            "production", "1.1.0", T0, null, false, null, null, List.of(), revert, null);

    assertThat(StatusText.render(status))
        .contains("Rollback now: revert the services to 1.0.0 (no data is lost).")
        .doesNotContain("Point of no return")
        .doesNotContain("Watch:");
  }

  private static Judgement judgement(String signal, SignalVerdict verdict) {
    return new Judgement(signal, SignalKind.RATE, verdict, "because", Map.of(), 20, 6);
  }
}
