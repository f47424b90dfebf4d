package dev.lockstep.cli.commands;

import dev.lockstep.cli.Main;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code lockstep watch RUN} as its own process, which outlives this one: the same Java,
 * classpath and temp folders as this Lockstep, the same config, its output in the state folder.
 */
final class BackgroundWatch {
  /**
   * The temp folders the watch shares with this Lockstep: the JDK's, and the journal's driver's.
   */
  private static final List<String> TEMP_FOLDERS = List.of("java.io.tmpdir", "org.sqlite.tmpdir");

  private BackgroundWatch() {}

  /**
   * @param pid the watch's process
   * @param log where it writes what it sees
   */
  record Started(String run, long pid, String log) {
    String describe() {
      return "Watching run "
          + run
          + " in the background (process "
          + pid
          + "): its log is "
          + log
          + ". `lockstep status` shows the verdicts; `lockstep watch "
          + run
          + "` goes on with its samples if it stops.";
    }
  }

  static Started start(DeploymentConfig config, String run) {
    Path log = config.stateDir().resolve("watch").resolve(run + ".log").toAbsolutePath();
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String folder : TEMP_FOLDERS) {
      String value = System.getProperty(folder);
      if (value != null) {
        argv.add("-D" + folder + "=" + value);
      }
    }
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add(Main.class.getName());
    argv.add("watch");
    argv.add(run);
    if (config.file() != null) {
      argv.add("--config");
      argv.add(config.file().toAbsolutePath().toString());
    }
    try {
      Process process = ProcessRunner.startLockstep(argv, log);
      return new Started(run, process.pid(), log.toString());
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "Cannot start the watch of run "
              + run
              + " in the background: "
              + e.getMessage()
              + ". `lockstep watch "
              + run
              + "` watches it in this terminal.",
          e);
    }
  }
}
