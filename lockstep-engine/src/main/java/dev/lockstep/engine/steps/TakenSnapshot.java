package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;

/** A server-side copy of one PostgreSQL store, taken while the services were stopped. */
public record TakenSnapshot(String store, String database, String snapshot, Instant takenAt) {

  /** Snapshot names are derived from the run, so that a resumed run finds its own. */
  public static String nameFor(String runId, int index) {
    return "lockstep_snap_" + runId.replace("run-", "").replace("-", "") + "_" + index;
  }

  /** The prefix of every snapshot Lockstep takes. */
  public static final String PREFIX = "lockstep_snap_";

  /** How a run's snapshots are journaled. */
  public static final TypeReference<List<TakenSnapshot>> LIST = new TypeReference<>() {};
}
