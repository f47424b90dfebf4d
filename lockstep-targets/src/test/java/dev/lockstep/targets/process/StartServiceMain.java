package dev.lockstep.targets.process;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Lockstep stand-in for {@link ProcessTargetCrashTest}: starts a service, then waits to die. */
public final class StartServiceMain {
  private StartServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path stateDir = Path.of(args[0]);
    ProcessTarget target =
        new ProcessTarget(
            stateDir, stateDir.resolve("services"), stateDir.resolve("logs"), List.of());
    ServiceConfig api =
        Fixtures.processService(
            "api", List.of("local"), List.of("sh", "{artifact}"), Map.of(), Duration.ofSeconds(5));
    ReleaseManifest release = Fixtures.fileRelease("1.0.0", "api", Path.of(args[1]));
    target.install(api, release);
    target.start(api, release);
    System.out.println("started");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
