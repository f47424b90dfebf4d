package dev.lockstep.engine.gates;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.Requirements;
import dev.lockstep.core.manifest.VersionRange;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the target release needs of the machine ({@code requires} in its manifest), checked live:
 * the PostgreSQL server's version, as the server reports it, and each runtime's version, as its
 * command prints it. Only reads; a release that requires nothing leaves the gate out.
 */
public final class RequirementsGate implements Gate {
  private static final String NAME = "release requirements";
  private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(20);

  @Override
  public GateResult check(GateContext context) {
    Requirements requires = context.target().requires();
    if (requires.isEmpty()) {
      return null;
    }
    List<String> met = new ArrayList<>();
    List<String> unmet = new ArrayList<>();
    if (requires.postgres() != null) {
      postgres(context.database(), requires.postgres(), met, unmet);
    }
    for (Requirements.Runtime runtime : requires.runtimes()) {
      runtime(context.config(), runtime, met, unmet);
    }
    String release = context.target().version().toString();
    if (!unmet.isEmpty()) {
      return GateResult.blocked(
          NAME,
          release + " requires " + String.join("; ", unmet) + ".",
          "install versions in those ranges (the release notes say why it needs them), then plan"
              + " again.");
    }
    return GateResult.passed(NAME, String.join("; ", met));
  }

  private static void postgres(
      DatabaseProbe database, VersionRange range, List<String> met, List<String> unmet) {
    if (database.error() != null || database.serverVersion() == null) {
      unmet.add("PostgreSQL " + range + ", and the server could not be asked its version");
      return;
    }
    String version = database.serverVersion();
    if (range.contains(version)) {
      met.add("PostgreSQL " + range + ": " + version);
    } else {
      unmet.add("PostgreSQL " + range + ", the server is " + version);
    }
  }

  private static void runtime(
      DeploymentConfig config, Requirements.Runtime runtime, List<String> met, List<String> unmet) {
    ProcessResult result =
        ProcessRunner.forDeployment(config)
            .run(
                ProcessSpec.of(
                        runtime.name() + " version",
                        List.of(config.target().shell(), "-c", runtime.command()))
                    .in(config.file().getParent())
                    .withDeadline(COMMAND_DEADLINE)
                    .withMergedErrors());
    String asked = runtime.name() + " " + runtime.range() + " (`" + runtime.command() + "`";
    if (!result.succeeded()) {
      unmet.add(asked + " failed: " + result.lastOutput().strip() + ")");
      return;
    }
    Optional<String> version = VersionRange.versionIn(result.firstLine());
    if (version.isEmpty()) {
      unmet.add(asked + " printed no version: " + result.firstLine() + ")");
    } else if (runtime.range().contains(version.get())) {
      met.add(runtime.name() + " " + runtime.range() + ": " + version.get());
    } else {
      unmet.add(asked + " says " + version.get() + ")");
    }
  }
}
