package dev.lockstep.cli.output;

import dev.lockstep.engine.release.LintTimezone;
import dev.lockstep.engine.release.LintVerdict;
import dev.lockstep.engine.release.MigrationLint;
import dev.lockstep.engine.release.ReleaseLintReport;
import dev.lockstep.engine.release.ReleaseLintResult;
import dev.lockstep.engine.release.ReleaseObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code lockstep release lint} as text: the same verdicts and exit code as its JSON. */
public final class ReleaseLintText {
  private ReleaseLintText() {}

  public static String render(ReleaseLintResult result) {
    StringBuilder text = new StringBuilder();
    if (result.observed()) {
      text.append(
              String.format(
                  Locale.ROOT,
                  "Observed on one throwaway PostgreSQL, started in %s s, session time zone ",
                  seconds(result.serverStartMillis())))
          .append(timezone(result.timezone()))
          .append("\n\n");
    }
    for (ReleaseLintReport release : result.releases()) {
      release(release, text);
      text.append('\n');
    }
    if (result.observed()) {
      text.append(timings(result)).append("\n\n");
    }
    text.append(closing(result));
    return text.toString();
  }

  private static String timezone(LintTimezone timezone) {
    return switch (timezone.source()) {
      case PRODUCTION ->
          timezone.zone() + " (what a Lockstep session on " + timezone.from() + " gets)";
      case ASSUMED ->
          timezone.zone()
              + " (assumed: no production database given with -c. A non-UTC zone is the safe"
              + " guess: ALTER COLUMN … TYPE timestamptz from timestamp rewrites the table under"
              + " any zone but UTC)";
    };
  }

  private static void release(ReleaseLintReport release, StringBuilder text) {
    text.append("Release ").append(release.product()).append(' ').append(release.version());
    ReleaseObservation seen = release.observation();
    if (seen == null) {
      text.append(" (read, not run: --observe runs it)");
    } else {
      text.append(" (run ")
          .append(
              seen.startedFrom().equals(ReleaseObservation.EMPTY)
                  ? "on an empty database"
                  : "from the schema " + seen.startedFrom() + " left")
          .append(String.format(Locale.ROOT, ": %d reused, %d run", seen.reused(), seen.ran()))
          .append(", ")
          .append(seconds(seen.tookMillis()))
          .append(" s)");
    }
    text.append('\n');
    for (MigrationLint migration : release.migrations()) {
      text.append('\n');
      MigrationLintText.render(migration, text);
    }
    if (seen != null && seen.schemaWritten() != null) {
      text.append("\nSchema after ")
          .append(release.version())
          .append(" written to ")
          .append(seen.schemaWritten())
          .append('\n');
    }
  }

  private static String timings(ReleaseLintResult result) {
    List<String> each = new ArrayList<>();
    for (ReleaseLintReport release : result.releases()) {
      each.add(release.version() + " " + seconds(release.observation().tookMillis()) + " s");
    }
    return "Time: server start "
        + seconds(result.serverStartMillis())
        + " s; "
        + String.join(", ", each)
        + ".";
  }

  private static String closing(ReleaseLintResult result) {
    if (result.verdict() == LintVerdict.HOLDS) {
      return "OK: every migration's class holds.\n";
    }
    StringBuilder text = new StringBuilder();
    List<String> failed = named(result, LintVerdict.FAILED);
    List<String> misclassified = named(result, LintVerdict.MISCLASSIFIED);
    List<String> notRun = named(result, LintVerdict.NOT_RUN);
    List<String> undecided = named(result, LintVerdict.UNDECIDED);
    if (!failed.isEmpty() || !misclassified.isEmpty()) {
      text.append("FAILED (exit ").append(result.exitCode()).append("):\n");
    } else {
      text.append("UNDECIDED (exit ")
          .append(result.exitCode())
          .append("): not every class could be decided without running the migrations:\n");
    }
    failed.forEach(
        m ->
            text.append("  ")
                .append(m)
                .append(" fails on the schema it expects: a migration that cannot run is an")
                .append(" error whatever its class. Fix it.\n"));
    misclassified.forEach(
        m ->
            text.append("  ")
                .append(m)
                .append(" breaks the previous release but is not declared contract.\n"));
    notRun.forEach(
        m -> text.append("  ").append(m).append(" was not run: a migration before it failed.\n"));
    undecided.forEach(
        m ->
            text.append("  ")
                .append(m)
                .append(" is declared expand; reading it cannot tell whether the previous")
                .append(" release still works after it. --observe runs it and decides.\n"));
    return text.toString();
  }

  private static List<String> named(ReleaseLintResult result, LintVerdict verdict) {
    List<String> names = new ArrayList<>();
    for (ReleaseLintReport release : result.releases()) {
      for (MigrationLint migration : release.migrations()) {
        if (migration.verdict() == verdict) {
          names.add(release.version() + " " + migration.script());
        }
      }
    }
    return names;
  }

  private static String seconds(Long millis) {
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
