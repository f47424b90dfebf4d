package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Progress as a log shows it (tests have no terminal): a line every two seconds, and at the end.
 */
class ConsoleProgressTest {
  private static final long MEGABYTE = 1024 * 1024;

  private final StringWriter log = new StringWriter();

  @Test
  void start_firstTickWithLittleDone_showsNoTimeEstimate() throws Exception {
    try (Progress dump = progress().start("dump notes", 100 * MEGABYTE, Progress.Unit.BYTES)) {
      dump.update(MEGABYTE / 2);
      // The log prints a line every 2 s: wait for one with this sliver done.
      Thread.sleep(2_500);
    }

    String firstTick =
        log.toString().lines().filter(line -> line.contains(" 0/100 MB")).findFirst().orElseThrow();
    assertThat(firstTick).contains(" / ?)");
  }

  @Test
  void start_totalLearnedLater_showsIt() {
    try (Progress hash = progress().start("hash notes", 0, Progress.Unit.BYTES)) {
      hash.total(4096);
      hash.update(4096);
    }

    assertThat(log.toString()).contains("4096/4096 B").doesNotContain("0/0");
  }

  @Test
  void start_tinyTotal_countsBytes() {
    try (Progress hash = progress().start("checksum notes", 851, Progress.Unit.BYTES)) {
      hash.update(851);
    }

    assertThat(log.toString()).contains("851/851 B").doesNotContain("0/0");
  }

  private ConsoleProgress progress() {
    return new ConsoleProgress(new PrintWriter(log, true));
  }
}
