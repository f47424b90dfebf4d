package dev.lockstep.cli.output;

import dev.lockstep.core.api.Progress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for backups, restores and verifications, with bytes and rate. On a terminal the bar
 * redraws in place; in a log it prints a line every few seconds.
 */
public final class ConsoleProgress implements Progress.Factory {
  private static final String JLINE_PIPE_MODE = "org.jline.terminal.exec.redirectPipeCreationMode";
  private static final long KILOBYTE = 1024;
  private static final long MEGABYTE = 1024 * KILOBYTE;

  /** A progress line in a log: wide enough for the task, the bar, the bytes and the rate. */
  private static final int LOG_LINE_WIDTH = 120;

  static {
    // JLine (under the progress bar) asks whether stdout is a terminal through a native library
    // it extracts to the temporary folder, and leaves it there when Lockstep is killed. Its
    // reflective way answers the same without writing anything.
    if (System.getProperty(JLINE_PIPE_MODE) == null) {
      System.setProperty(JLINE_PIPE_MODE, "reflection");
    }
  }

  private final PrintWriter err;

  public ConsoleProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public Progress start(String task, long total, Progress.Unit unit) {
    boolean terminal = System.console() != null;
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            // An unknown total shows as such, not as a bar that is done at 0 of 0.
            .setInitialMax(total > 0 ? total : -1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(terminal ? 200 : 2000)
            .continuousUpdate()
            .showSpeed()
            .setEtaFunction(EtaEstimate::of)
            .setConsumer(
                terminal
                    ? new ConsoleProgressBarConsumer(System.err)
                    // The width is given so that a log never asks JLine about the terminal.
                    : new DelegatingProgressBarConsumer(
                        line -> {
                          err.println(line.strip());
                          err.flush();
                        },
                        LOG_LINE_WIDTH));
    if (unit == Progress.Unit.BYTES) {
      // The unit fits the size, so that "0/0 KB" never hides real progress or a small result.
      if (total >= 10 * MEGABYTE) {
        builder.setUnit(" MB", MEGABYTE);
      } else if (total >= 10 * KILOBYTE) {
        builder.setUnit(" KB", KILOBYTE);
      } else {
        builder.setUnit(" B", 1);
      }
    }
    ProgressBar bar = builder.build();
    return new Progress() {
      @Override
      public void update(long done) {
        bar.stepTo(done);
      }

      @Override
      public void total(long newTotal) {
        if (newTotal > 0) {
          bar.maxHint(newTotal);
        }
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
