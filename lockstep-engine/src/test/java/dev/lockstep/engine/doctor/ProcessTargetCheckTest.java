package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTargetCheckTest {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path dir;

  @Test
  void check_setsidAndJavaOnThePath_isOk() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);
    ProgramPath path = DoctorConfigs.pathWith(dir.resolve("bin"), Path.of("/usr/bin/setsid"), JAVA);

    List<DoctorResult> results = new ProcessTargetCheck(config, path).check();

    assertThat(results).extracting(DoctorResult::name).containsExactly("setsid", "java");
    assertThat(results).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.OK));
    assertThat(results.get(1).found()).endsWith("started by services.api.run");
  }

  @Test
  void check_noSetsid_warnsThatServicesShareLockstepsSession() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);
    ProgramPath path = DoctorConfigs.pathWith(dir.resolve("bin"), JAVA);

    DoctorResult setsid = new ProcessTargetCheck(config, path).check().get(0);

    assertThat(setsid.verdict()).isEqualTo(Verdict.WARN);
    assertThat(setsid.fix()).contains("util-linux");
  }

  @Test
  void check_serviceProgramMissing_failsNamingTheServiceAndTheInstall() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);
    ProgramPath path = DoctorConfigs.pathWith(dir.resolve("bin"), Path.of("/usr/bin/setsid"));

    DoctorResult java = new ProcessTargetCheck(config, path).check().get(1);

    assertThat(java.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(java.found()).contains("not on the PATH (" + dir.resolve("bin") + ")");
    assertThat(java.fix()).contains("openjdk-17-jre-headless").contains("services.api.run");
  }

  @Test
  void check_commandTarget_hasNothingToSay() {
    DeploymentConfig config =
        DoctorConfigs.write(
            dir,
            null,
            """
            target: {type: command}
            services:
              api: {stop: 'true', install: 'true', start: 'true'}
            """);

    assertThat(new ProcessTargetCheck(config, ProgramPath.of("")).check()).isEmpty();
  }
}
