package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.DriftConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.schema.DriftReport;
import dev.lockstep.engine.schema.SchemaDrift;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Path;

/**
 * The live schema and the one the last finished run recorded: what drift is measured from.
 *
 * @param live the schema read from the product's database's catalog; null when it could not be read
 * @param recorded the schema the last finished run left, or null when none was recorded yet
 * @param recordedFile where that record is (or would be) kept, for messages
 * @param error why the live schema could not be read, or null
 */
public record SchemaLook(
    SchemaSnapshot live, SchemaSnapshot recorded, Path recordedFile, String error) {

  /** An empty database, and no schema recorded yet. */
  public static SchemaLook empty() {
    return new SchemaLook(SchemaSnapshot.empty(""), null, null, null);
  }

  /**
   * Reads the live schema and the recorded one. A damaged record is bad input naming its file and
   * is thrown as such: it is not the database's fault.
   */
  static SchemaLook read(DeploymentConfig config) {
    SchemaRecords records = new SchemaRecords(config);
    SchemaSnapshot recorded = records.current().orElse(null);
    try {
      return new SchemaLook(records.live(), recorded, records.currentFile(), null);
    } catch (LockstepException e) {
      return new SchemaLook(null, recorded, records.currentFile(), e.getMessage());
    }
  }

  public boolean readable() {
    return error == null;
  }

  /**
   * How the live schema differs from the one recorded, or, before any run recorded one, from the
   * snapshot {@code installed} ships (read from the release folder now).
   *
   * @param installed the installed release's manifest, or null
   * @param scope which changes count as drift
   */
  public DriftReport driftFrom(ReleaseManifest installed, DriftConfig scope) {
    return SchemaDrift.compare(live, recorded, recordedFile, installed, scope);
  }
}
