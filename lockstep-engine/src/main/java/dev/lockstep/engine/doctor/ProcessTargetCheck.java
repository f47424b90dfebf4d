package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the process target needs: setsid, so that services live in their own session, and the
 * program each service's {@code run} starts (java for the sample product). Rehearsal services run
 * as local processes whatever the target.
 */
final class ProcessTargetCheck {
  private final DeploymentConfig config;
  private final ProgramPath path;

  ProcessTargetCheck(DeploymentConfig config, ProgramPath path) {
    this.config = config;
    this.path = path;
  }

  List<DoctorResult> check() {
    Map<String, ServiceConfig> services = new LinkedHashMap<>();
    if (config.target().type() == TargetType.PROCESS) {
      config.services().forEach((name, service) -> services.put("services." + name, service));
    }
    if (config.rehearsal() != null) {
      config
          .rehearsal()
          .services()
          .forEach((name, service) -> services.put("rehearsal.services." + name, service));
    }
    if (services.isEmpty()) {
      return List.of();
    }
    List<DoctorResult> results = new ArrayList<>();
    results.add(setsid());
    // One result per program, naming every service that starts it.
    Map<String, List<String>> fieldsByProgram = new LinkedHashMap<>();
    Map<String, Path> workingDirs = new LinkedHashMap<>();
    services.forEach(
        (field, service) -> {
          String program =
              service.run() == null || service.run().isEmpty() ? null : service.run().get(0);
          if (program != null && !program.contains("{")) {
            fieldsByProgram.computeIfAbsent(program, p -> new ArrayList<>()).add(field + ".run");
            workingDirs.putIfAbsent(
                program, service.workingDir() == null ? config.stateDir() : service.workingDir());
          }
        });
    fieldsByProgram.forEach(
        (program, fields) -> results.add(program(program, fields, workingDirs.get(program))));
    return results;
  }

  private DoctorResult setsid() {
    Optional<Path> found = path.find("setsid");
    if (found.isPresent()) {
      return DoctorResult.ok("setsid", found.get() + "; each service runs in its own session");
    }
    return DoctorResult.warn(
        "setsid",
        "not on the PATH ("
            + path.describe()
            + "): services would share Lockstep's session, so a"
            + " Ctrl-C in Lockstep's terminal would reach them too",
        "apt-get install util-linux (it provides setsid)");
  }

  private DoctorResult program(String program, List<String> fields, Path workingDir) {
    Optional<Path> found = path.in(workingDir).find(program);
    String usedBy = "started by " + String.join(", ", fields);
    if (found.isPresent()) {
      return DoctorResult.ok(program, found.get() + "; " + usedBy);
    }
    String where =
        program.contains("/")
            ? "no executable file " + workingDir.resolve(program)
            : "not on the PATH (" + path.describe() + ")";
    String install =
        Path.of(program).getFileName().toString().equals("java")
            ? "install Java 17 or newer (apt-get install openjdk-17-jre-headless)"
            : "install " + program;
    return DoctorResult.fail(
        program,
        where + "; " + usedBy + ", which cannot start without it",
        install + ", or write its full path in " + fields.get(0));
  }
}
