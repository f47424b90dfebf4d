package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;

/** A server-side copy of one PostgreSQL store, taken while the services were stopped. */
public record TakenSnapshot(String store, String database, String snapshot, Instant takenAt) {

  /** The prefix of every snapshot Lockstep takes, and of what its swaps replace. */
  public static final String PREFIX = "lockstep_snap_";

  private static final String REPLACED = "_replaced";

  /** How a run's snapshots are journaled. */
  public static final TypeReference<List<TakenSnapshot>> LIST = new TypeReference<>() {};

  /** Snapshot names are derived from the run, so that a resumed run finds its own. */
  public static String nameFor(String runId, int index) {
    return prefixOf(runId) + index;
  }

  /** The prefix of every snapshot of one run, and of what its swaps replaced. */
  public static String prefixOf(String runId) {
    return PREFIX + runId.replace("run-", "").replace("-", "") + "_";
  }

  /**
   * What the swap of an earlier Lockstep left of the failed database, under the run's prefix; a
   * swap now keeps it aside as a {@link dev.lockstep.core.report.KeptDatabase} instead.
   */
  public static boolean isReplaced(String name) {
    return name.endsWith(REPLACED);
  }
}
