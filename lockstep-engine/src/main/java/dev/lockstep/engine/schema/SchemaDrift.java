package dev.lockstep.engine.schema;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.DriftConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Path;

/**
 * Compares the live schema with the one it should be: what the last finished run left, or, before
 * any run, the snapshot the installed release ships.
 */
public final class SchemaDrift {
  private final DeploymentConfig config;
  private final ReleaseManifest installed;

  /**
   * @param installed the installed release's manifest, or null
   */
  public SchemaDrift(DeploymentConfig config, ReleaseManifest installed) {
    this.config = config;
    this.installed = installed;
  }

  public DriftReport measure() {
    SchemaRecords schemas = new SchemaRecords(config);
    SchemaSnapshot recorded = schemas.current().orElse(null);
    if (recorded == null && (installed == null || installed.schemaFile() == null)) {
      return DriftReport.noReference();
    }
    return compare(schemas.live(), recorded, schemas.currentFile(), installed, config.drift());
  }

  /**
   * How {@code live} differs from {@code recorded}, or, when no run recorded a schema yet, from the
   * snapshot {@code installed} ships (read from the release folder); no reference when neither is
   * there. The one comparison both {@code lockstep drift} and the drift gate make.
   *
   * @param recorded the schema the last finished run left, or null
   * @param recordedFile where it is kept, for the report
   * @param installed the installed release's manifest, or null
   * @param scope which changes count as drift
   */
  public static DriftReport compare(
      SchemaSnapshot live,
      SchemaSnapshot recorded,
      Path recordedFile,
      ReleaseManifest installed,
      DriftConfig scope) {
    String reference;
    SchemaSnapshot expected;
    if (recorded != null) {
      reference = "the schema the last run left (" + recordedFile + ")";
      expected = recorded;
    } else if (installed != null && installed.schemaFile() != null) {
      reference =
          "the schema release " + installed.version() + " ships (" + installed.schemaFile() + ")";
      expected = SchemaSnapshot.read(installed.schemaFile());
    } else {
      return DriftReport.noReference();
    }
    return new DriftScope(scope).judge(reference, SchemaDiffer.diff(expected, live).changes());
  }
}
