package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.engine.steps.RunFacts;
import java.util.List;

/** Restores the rehearsal's backup of the product's database into the scratch database. */
final class ScratchRestore {
  private ScratchRestore() {}

  static String restore(ScratchContext scratch, RunFacts facts) {
    String backupId = facts.get(RehearsalFacts.BACKUP).orElseThrow();
    scratch
        .tools()
        .listener()
        .notice(
            "Restoring backup "
                + backupId
                + " into the scratch database "
                + scratch.scratch().name());
    StoreConfig copy =
        StoreConfig.postgres(scratch.tools().config().stores().get(0).name(), scratch.scratch());
    scratch.tools().backups().restore(backupId, List.of(copy), store -> true);
    return backupId;
  }
}
