package dev.lockstep.engine.schema;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.util.List;
import java.util.Optional;

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
    Optional<SchemaSnapshot> current = schemas.current();
    String reference;
    SchemaSnapshot expected;
    if (current.isPresent()) {
      reference = "the schema the last run left (" + schemas.currentFile() + ")";
      expected = current.get();
    } else if (installed != null && installed.schemaFile() != null) {
      reference =
          "the schema release " + installed.version() + " ships (" + installed.schemaFile() + ")";
      expected = SchemaSnapshot.read(installed.schemaFile());
    } else {
      return new DriftReport(null, List.of());
    }
    return new DriftReport(reference, SchemaDiffer.diff(expected, schemas.live()).changes());
  }
}
