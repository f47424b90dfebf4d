package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lockstep doctor}: checks this machine for what one deployment config needs and says what
 * to install or change. It only looks: it creates no folder, starts no service and writes nothing,
 * not even the journal.
 */
public final class Doctor {
  private final DeploymentConfig config;
  private final Machine machine;

  public Doctor(DeploymentConfig config, Machine machine) {
    this.config = config;
    this.machine = machine;
  }

  public DoctorReport examine() {
    ServerProbe server = machine.server().apply(config.database());
    List<DoctorResult> results = new ArrayList<>();
    results.add(new DatabaseServerCheck(server, config.file()).check());
    results.addAll(new ClientProgramsCheck(machine.postgresClient(), server).check());
    results.addAll(new ServerProgramsCheck(machine.postgresServer(), server).check());
    results.add(new BackupDiskCheck(config, server).check());
    results.add(new StateFolderCheck(config.stateDir(), machine.user()).check());
    results.addAll(new ProcessTargetCheck(config, machine.path()).check());
    results.addAll(new ShellCommandsCheck(config, machine.path()).check());
    results.addAll(new DockerCheck(config, machine.path()).check());
    results.addAll(new ComposeTargetCheck(config, machine.path()).check());
    return new DoctorReport(config.environment(), String.valueOf(config.file()), results);
  }
}
