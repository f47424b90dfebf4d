package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.DoctorText;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.doctor.Doctor;
import dev.lockstep.engine.doctor.DoctorReport;
import dev.lockstep.engine.doctor.Machine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Not a {@link DeploymentCommand}: opening the deployment would open (and could create) the state
 * folder and the journal, and the doctor only looks.
 */
@Command(
    name = "doctor",
    description =
        "Check this machine for what the deployment config needs (PostgreSQL programs and their"
            + " versions, disk space for backups, the state folder, the target's tools) and say"
            + " what to install; changes nothing. Exit 1 if something must be fixed.")
public final class DoctorCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DeploymentConfig loaded = Configs.load(spec, config.file());
    DoctorReport report = new Doctor(loaded, Machine.current()).examine();
    PrintWriter out = spec.commandLine().getOut();
    out.println(output.json() ? Json.write(report) : DoctorText.render(report));
    out.flush();
    return report.exitCode();
  }
}
