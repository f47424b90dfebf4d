package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.targets.KnownSecrets;
import dev.lockstep.targets.ServiceProcesses;
import dev.lockstep.targets.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Proves the deployment works on a release: every check declared in the config passes within its
 * deadline, answered by a service Lockstep started (where the target can tell), and every service
 * still runs that release once they have. A service that dies while the checks run stops them at
 * once. The downtime ends when it passes.
 */
public final class ValidateStep extends AbstractStep {
  public static final String NAME = "validate";
  public static final String FACT_PREFIX = "checks.";

  private final Toolbox tools;
  private final ReleaseManifest release;
  private final String factKey;

  /**
   * @param factKey where the check results are journaled, e.g. {@code checks.forward}
   */
  public ValidateStep(Toolbox tools, ReleaseManifest release, String factKey) {
    super(NAME, "Validate " + release.version() + ": services and checks");
    this.tools = tools;
    this.release = release;
    this.factKey = factKey;
  }

  @Override
  public String run(RunFacts facts) {
    Collection<ServiceConfig> services = tools.config().services().values();
    Instant started = tools.clock().instant();
    List<CheckResult> checks =
        tools.checks().runAll(tools.config().checks(), new ServiceWatch(tools.target(), services));
    checks =
        new AnsweringProcesses(tools.target(), services, KnownSecrets.of(tools.config()))
            .verify(tools.config().checks(), checks);
    // Asked after the checks: a service that crashed while they ran fails the validation, even
    // when something else answered them (another process holding its port, say).
    List<CheckResult> results = new ArrayList<>(serviceChecks());
    results.addAll(checks);
    facts.putJsonAtStepEnd(factKey, results);
    List<CheckResult> failed = results.stream().filter(r -> !r.passed()).toList();
    if (!failed.isEmpty()) {
      throw new LockstepException(
          ErrorCode.CHECK_FAILED,
          failed.size()
              + " of "
              + results.size()
              + " checks failed on "
              + release.version()
              + ": "
              + failed.stream()
                  .map(r -> r.name() + " (" + r.message() + ")")
                  .collect(Collectors.joining("; ")));
    }
    if (facts.get(RunFacts.SERVICES_STOPPED_AT).isPresent()) {
      Instant passed = tools.clock().instant();
      // The checks run one after the other: the first one's end is when the product answered.
      Instant healthy = checks.isEmpty() ? passed : started.plus(checks.get(0).duration());
      facts.putAtStepEnd(
          RunFacts.SERVICES_HEALTHY_AT, (healthy.isAfter(passed) ? passed : healthy).toString());
      facts.putAtStepEnd(RunFacts.SERVICES_BACK_AT, passed.toString());
    }
    return results.size() + " checks passed";
  }

  /**
   * One result per service: it runs, and runs this release (when the target can tell), in the
   * process the target recorded (when it keeps records): a process it started but never recorded
   * runs, yet is not the service.
   */
  private List<CheckResult> serviceChecks() {
    List<CheckResult> results = new ArrayList<>();
    String expected = release.version().toString();
    Collection<ServiceConfig> services = tools.config().services().values();
    List<ServiceStatus> statuses = tools.target().statusAll(services);
    int index = 0;
    for (ServiceConfig service : services) {
      ServiceStatus status = statuses.get(index++);
      List<String> unrecorded =
          tools.target().processes(service).map(ServiceProcesses::notRunning).orElse(List.of());
      List<String> wrong =
          status.nodes().stream()
              .filter(
                  node ->
                      !node.running()
                          || unrecorded.contains(node.node())
                          || (node.version() != null && !node.version().equals(expected)))
              .map(
                  node ->
                      node.node()
                          + (!node.running()
                              ? " is not running"
                              : unrecorded.contains(node.node())
                                  ? " runs only " + node.detail()
                                  : " runs " + node.version()))
              .toList();
      String message = wrong.isEmpty() ? "runs " + expected : String.join(", ", wrong);
      results.add(
          new CheckResult(
              service.name() + " runs " + expected, wrong.isEmpty(), 1, Duration.ZERO, message));
    }
    return results;
  }
}
