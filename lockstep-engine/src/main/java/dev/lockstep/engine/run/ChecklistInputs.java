package dev.lockstep.engine.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
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
    Map<String, String> config) {

  /** The version this Lockstep writes; it reads this one and every older one. */
  public static final int FORMAT_VERSION = 1;

  public static ChecklistInputs upgrade(
      RunReleases releases, boolean snapshot, String acceptUnverified, ConfigShape config) {
    return new ChecklistInputs(
        FORMAT_VERSION,
        releases.previousVersion(),
        releases.next().version().toString(),
        releases.next().runner(),
        snapshot,
        acceptUnverified,
        null,
        config.fields());
  }

  public static ChecklistInputs rollback(
      RunReleases releases, RollbackStrategy strategy, ConfigShape config) {
    return new ChecklistInputs(
        FORMAT_VERSION,
        releases.previousVersion(),
        releases.next().version().toString(),
        releases.next().runner(),
        false,
        null,
        strategy,
        config.fields());
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
