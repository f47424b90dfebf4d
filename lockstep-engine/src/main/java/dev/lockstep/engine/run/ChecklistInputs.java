package dev.lockstep.engine.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.RolloutConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.plan.RollbackStrategy;
import java.util.Map;

/**
 * What shaped a checklist when it was recorded: the releases, who migrates, whether databases are
 * snapshotted, the operator's override, the rollback strategy (for a rollback checklist), and the
 * config's shape. A resumed run rebuilds its checklist from these, never from today's config.
 *
 * @param formatVersion the version of this record's JSON in the journal
 * @param from the release the run starts from (null for a first install)
 * @param to the release the run installs, or for a rollback run the one it leaves
 * @param acceptUnverified why the operator accepts an unverified backup, or null
 * @param strategy for a rollback checklist, its strategy; null for an upgrade checklist
 * @param rolling how a rolling run cuts the nodes into batches; null for a run with downtime
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChecklistInputs(
    int formatVersion,
    String from,
    String to,
    MigrationRunnerKind runner,
    boolean snapshot,
    String acceptUnverified,
    RollbackStrategy strategy,
    Map<String, String> config,
    Rolling rolling) {

  /**
   * The version this Lockstep writes; it reads this one and every older one. A run with downtime is
   * still written as version 1, which older releases read; a rolling run as version 2, which they
   * refuse rather than resume it as a run with downtime.
   */
  public static final int FORMAT_VERSION = 2;

  private static final int DOWNTIME_FORMAT_VERSION = 1;

  /**
   * How a rolling run cuts each service's nodes into batches: one of the two is set.
   *
   * @param batch nodes replaced at once
   * @param maxUnavailablePercent the share of a service's nodes replaced at once
   */
  public record Rolling(Integer batch, Integer maxUnavailablePercent) {

    public static Rolling of(RolloutConfig rollout) {
      return new Rolling(rollout.batch(), rollout.maxUnavailablePercent());
    }
  }

  public static ChecklistInputs upgrade(
      RunReleases releases, boolean snapshot, String acceptUnverified, ConfigShape config) {
    return upgrade(releases, snapshot, acceptUnverified, config, null);
  }

  /**
   * @param rolling how the nodes are replaced batch by batch; null for a run with downtime
   */
  public static ChecklistInputs upgrade(
      RunReleases releases,
      boolean snapshot,
      String acceptUnverified,
      ConfigShape config,
      Rolling rolling) {
    return new ChecklistInputs(
        rolling == null ? DOWNTIME_FORMAT_VERSION : FORMAT_VERSION,
        releases.previousVersion(),
        releases.next().version().toString(),
        releases.next().runner(),
        snapshot,
        acceptUnverified,
        null,
        config.fields(),
        rolling);
  }

  /**
   * @param rolling as the upgrade it undoes was: its nodes are reverted batch by batch too
   */
  public static ChecklistInputs rollback(
      RunReleases releases, RollbackStrategy strategy, ConfigShape config, Rolling rolling) {
    return new ChecklistInputs(
        rolling == null ? DOWNTIME_FORMAT_VERSION : FORMAT_VERSION,
        releases.previousVersion(),
        releases.next().version().toString(),
        releases.next().runner(),
        false,
        null,
        strategy,
        config.fields(),
        rolling);
  }

  public ConfigShape configShape() {
    return new ConfigShape(config == null ? Map.of() : config);
  }

  public String toJson() {
    return Json.write(this);
  }

  public static ChecklistInputs fromJson(String json, String runId) {
    ChecklistInputs inputs = Json.read(json, ChecklistInputs.class);
    if (inputs.formatVersion() > FORMAT_VERSION) {
      throw new LockstepException(
          ErrorCode.FORMAT_TOO_NEW,
          "Run "
              + runId
              + " was started by a newer Lockstep (checklist format "
              + inputs.formatVersion()
              + "; this one reads up to "
              + FORMAT_VERSION
              + "). Nothing was touched. Fix: resume it with that newer Lockstep.");
    }
    return inputs;
  }
}
