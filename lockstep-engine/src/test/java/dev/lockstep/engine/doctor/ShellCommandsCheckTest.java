package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandsCheckTest {
  private static final String SYSTEMD_NPM =
      """
      target: {type: command, shell: %s}
      services:
        server:
          stop: sudo systemctl stop codebolt
          install: npm install -g {artifact}
          start: sudo systemctl start codebolt
          version: systemctl is-active --quiet codebolt && codebolt --version
      checks:
        - name: sign-in
          command: {run: 'curl -fsS http://127.0.0.1:3000/health'}
      migrations:
        command: ./bin/migrate --to {version}
      """;

  @TempDir Path dir;

  @Test
  void check_programsOnThePath_areOkAndTheMissingOnesWarned() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, SYSTEMD_NPM.formatted("/bin/sh"));
    ProgramPath path = DoctorConfigs.pathWith(dir.resolve("bin1"), Path.of("/usr/bin/systemctl"));

    List<DoctorResult> results = new ShellCommandsCheck(config, path).check();

    assertThat(results)
        .extracting(DoctorResult::name)
        .containsExactly(
            "target.shell", "sudo", "npm", "systemctl", "codebolt", "curl", "./bin/migrate");
    assertThat(results.get(0).verdict()).isEqualTo(Verdict.OK);
    DoctorResult systemctl = results.get(3);
    assertThat(systemctl.verdict()).isEqualTo(Verdict.OK);
    assertThat(systemctl.found()).endsWith("in services.server.version");
    DoctorResult npm = results.get(2);
    assertThat(npm.verdict()).isEqualTo(Verdict.WARN);
    assertThat(npm.found()).contains("not on the PATH").endsWith("in services.server.install");
    assertThat(npm.fix())
        .isEqualTo("install npm, or write its full path in services.server.install");
    DoctorResult migrate = results.get(6);
    assertThat(migrate.found()).contains("no executable file " + dir.resolve("./bin/migrate"));
  }

  @Test
  void check_sameProgramInSeveralFields_isOneResultNamingThemAll() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, SYSTEMD_NPM.formatted("/bin/sh"));

    List<DoctorResult> results = new ShellCommandsCheck(config, ProgramPath.of("")).check();

    DoctorResult sudo = results.get(1);
    assertThat(sudo.found()).endsWith("in services.server.stop, services.server.start");
  }

  @Test
  void check_shellMissing_fails() {
    DeploymentConfig config =
        DoctorConfigs.write(dir, null, SYSTEMD_NPM.formatted("/bin/no-such-shell"));

    DoctorResult shell = new ShellCommandsCheck(config, ProgramPath.of("")).check().get(0);

    assertThat(shell.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(shell.fix()).contains("target.shell");
  }
}
