package dev.lockstep.examples;

import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.WatchListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A Lockstep of its own (a second JVM) watching an upgrade, for the watch's story to kill: {@code
 * WatchMain CONFIG RUN}. Prints a line for every round it judged.
 */
public final class WatchMain {
  private WatchMain() {}

  public static void main(String[] args) throws Exception {
    try (Deployment deployment =
        Deployment.open(
            new ConfigLoader(Variables.fromEnvironment()).load(Path.of(args[0])),
            EngineOptions.quiet())) {
      WatchListener rounds =
          new WatchListener() {
            @Override
            public void judged(Instant at, List<Judgement> judgements) {
              System.out.println("judged " + at);
            }
          };
      System.out.println(deployment.watch(args[1], rounds).summary());
    }
  }
}
