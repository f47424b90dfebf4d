package dev.lockstep.cli.output;

import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.SignalVerdict;
import dev.lockstep.engine.watch.WatchListener;
import dev.lockstep.engine.watch.WatchOutcome;
import dev.lockstep.journal.WatchStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lockstep watch} as text: while it runs, a line whenever a signal's verdict changes, every
 * action it takes, and a signal that cannot be read (once per reason); at the end, the verdicts.
 */
public final class WatchText implements WatchListener {
  private final PrintWriter out;
  private final Map<String, SignalVerdict> shown = new HashMap<>();
  private final Map<String, String> failures = new HashMap<>();

  public WatchText(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void judged(Instant at, List<Judgement> judgements) {
    for (Judgement judgement : judgements) {
      if (shown.put(judgement.signal(), judgement.verdict()) != judgement.verdict()) {
        out.println("[" + at + "] " + line(judgement));
      }
    }
    out.flush();
  }

  @Override
  public void readFailed(String signal, String reason) {
    if (!reason.equals(failures.put(signal, reason))) {
      out.println("  " + signal + " could not be read: " + reason);
      out.flush();
    }
  }

  @Override
  public void event(String what) {
    out.println("» " + what);
    out.flush();
  }

  public static String render(WatchOutcome outcome) {
    StringBuilder text = new StringBuilder();
    text.append("Watch of run ")
        .append(outcome.runId())
        .append(": ")
        .append(outcome.status().name().toLowerCase(Locale.ROOT))
        .append('\n');
    outcome
        .judgements()
        .forEach(judgement -> text.append("  ").append(line(judgement)).append('\n'));
    text.append(outcome.summary());
    return text.toString();
  }

  /** 0 passed; 1 stopped or never judged; 3 reverted; 4 an operator must act. */
  public static int exitCode(WatchStatus status) {
    return switch (status) {
      case PASSED -> 0;
      case REVERTED -> 3;
      case FAILED -> 4;
      case INCONCLUSIVE, STOPPED, WATCHING -> 1;
    };
  }

  private static String line(Judgement judgement) {
    return judgement.signal()
        + " ("
        + judgement.kind().word()
        + ", "
        + judgement.kind().rule()
        + "): "
        + judgement.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " — "
        + judgement.reason();
  }
}
