package dev.lockstep.targets.process;

import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import java.nio.file.Path;
import java.util.List;

/**
 * A Lockstep stand-in for {@link UnrecordedStartTest}: starts a service, then stops where a crash
 * hurts most, after the process exists and before its pid is written down, and waits to be killed.
 * Arguments: the state folder, the artifact, the port the service listens on.
 */
public final class LaunchThenPauseMain {
  private LaunchThenPauseMain() {}

  public static void main(String[] args) {
    Path stateDir = Path.of(args[0]);
    ProcessTarget target =
        new ProcessTarget(
            stateDir,
            stateDir.resolve("services"),
            stateDir.resolve("logs"),
            List.of(),
            LaunchThenPauseMain::pauseForever);
    ReleaseManifest release = Fixtures.fileRelease("1.1.0", "api", Path.of(args[1]));
    target.install(UnrecordedStartTest.listeningService(Integer.parseInt(args[2])), release);
    target.start(UnrecordedStartTest.listeningService(Integer.parseInt(args[2])), release);
  }

  private static void pauseForever() {
    System.out.println("launched");
    System.out.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
