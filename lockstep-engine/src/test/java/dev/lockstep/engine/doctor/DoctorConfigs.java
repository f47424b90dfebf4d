package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Deployment configs for the doctor's tests, written as an operator writes them. */
final class DoctorConfigs {
  private DoctorConfigs() {}

  static final String PROCESS_TARGET =
      """
      target: {type: process}
      services:
        api:
          run: [java, -version]
      """;

  /**
   * A config in {@code dir} on {@code server}'s maintenance database (port 1 when null: nothing
   * answers there), with {@code rest} (target, services, stores …) appended.
   */
  static DeploymentConfig write(Path dir, ThrowawayPostgres server, String rest) {
    int port = server == null ? 1 : server.port();
    String yaml =
        """
        environment: doctor-test
        stateDir: state
        database:
          host: 127.0.0.1
          port: %d
          name: postgres
          user: %s
          password: {env: DOCTOR_TEST_PASSWORD}
        """
                .formatted(port, server == null ? "nobody" : server.superuser())
            + rest;
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("lockstep.yaml");
      Files.writeString(file, yaml);
      String password = server == null ? "none" : server.password().reveal();
      return new ConfigLoader(
              Variables.fromEnvironment().with(Map.of("DOCTOR_TEST_PASSWORD", password)))
          .load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A folder holding links to these real programs, for a PATH that lacks everything else. */
  static ProgramPath pathWith(Path dir, Path... programs) {
    try {
      Files.createDirectories(dir);
      for (Path program : programs) {
        Files.createSymbolicLink(dir.resolve(program.getFileName()), program);
      }
      return ProgramPath.of(dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
