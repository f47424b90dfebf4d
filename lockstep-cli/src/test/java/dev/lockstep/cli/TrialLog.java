package dev.lockstep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The fault suite's results, one tab-separated line per trial or fault, appended as each ends (to
 * {@code -Dfaults.report}, default {@code target/faults/results.tsv}), so that {@code
 * faults/run.sh} can print the table however the run ends.
 */
final class TrialLog {
  static final String HEADER =
      "trial\tseed\tscenario\tkill\tat_kill\tresume_exits\toutcome\tfailed\tkept_folder";

  private static final Path FILE =
      Path.of(System.getProperty("faults.report", "target/faults/results.tsv"));

  private TrialLog() {}

  /**
   * @param failed the broken invariants; empty when the trial passed
   * @param folder the trial's folder, kept for diagnosis when it failed
   */
  static synchronized void record(
      String trial,
      String seed,
      String scenario,
      String killAt,
      String atKill,
      String resumeExits,
      List<String> failed,
      Path folder) {
    String line =
        String.join(
            "\t",
            trial,
            seed,
            scenario,
            killAt,
            atKill,
            resumeExits,
            failed.isEmpty() ? "ok" : "FAILED",
            failed.isEmpty()
                ? "-"
                : String.join(" | ", failed).replace('\t', ' ').replace('\n', ' '),
            failed.isEmpty() || folder == null ? "-" : folder.toString());
    System.out.println("fault suite: " + line.replace('\t', ' '));
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      if (!Files.exists(FILE)) {
        Files.writeString(FILE, HEADER + "\n", StandardCharsets.UTF_8);
      }
      Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FILE, e);
    }
  }
}
