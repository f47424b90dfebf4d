package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.gates.DatabaseProbe;
import dev.lockstep.engine.gates.DiskSpaceGate;
import dev.lockstep.engine.gates.GateContext;
import dev.lockstep.engine.steps.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * There is room where backups go for one backup of every store. The verdict is the plan's own
 * disk-space gate, so that the doctor and {@code lockstep plan} never disagree.
 */
final class BackupDiskCheck {
  static final String NAME = "disk space for backups";

  private final DeploymentConfig config;
  private final ServerProbe server;

  BackupDiskCheck(DeploymentConfig config, ServerProbe server) {
    this.config = config;
    this.server = server;
  }

  DoctorResult check() {
    Path dir = config.backupsDir();
    if (!server.reachable()) {
      return DoctorResult.warn(
          NAME,
          "cannot estimate the size of a backup: the database is not reachable (see '"
              + DatabaseServerCheck.NAME
              + "'); "
              + free(dir),
          "run `lockstep doctor` again once the database answers.");
    }
    StoreSizes sizes;
    try {
      sizes = StoreSizes.of(config);
    } catch (RuntimeException e) {
      return DoctorResult.warn(
          NAME, "cannot read the size of the stores: " + e.getMessage() + "; " + free(dir), null);
    }
    // The gate reads only the config and the probe's sizes.
    DatabaseProbe probe =
        new DatabaseProbe(null, server.version().text(), sizes.bytes(), List.of());
    GateResult gate =
        new DiskSpaceGate().check(new GateContext(config, null, null, null, null, probe, null));
    String found = dir + ": " + gate.message();
    if (gate.blocked()) {
      return DoctorResult.fail(NAME, found, gate.fix());
    }
    if (!sizes.commandStores().isEmpty()) {
      return DoctorResult.warn(
          NAME,
          found + "; not counted: the command store(s) " + sizes.commandStores(),
          "a command store's size is known only once it is dumped: make sure "
              + dir
              + " also has room for "
              + String.join(", ", sizes.commandStores()));
    }
    return DoctorResult.ok(NAME, found);
  }

  private static String free(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return dir + " has no existing folder above it";
    }
    try {
      return Bytes.format(Files.getFileStore(existing).getUsableSpace()) + " free in " + existing;
    } catch (IOException e) {
      return "cannot read the free space of " + existing + ": " + e.getMessage();
    }
  }
}
