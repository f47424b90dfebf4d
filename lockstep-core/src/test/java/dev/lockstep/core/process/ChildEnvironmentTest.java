package dev.lockstep.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

  @Test
  void from_withholdsPgCredentialsAndTheVariablesSecretsCameFrom_andKeepsTheRest() {
    SecretRegistry secrets =
        SecretRegistry.of(List.of(Secret.fromVariable("APP_DB_PASSWORD", "pw")));
    Map<String, String> base =
        Map.of(
            "PATH", "/bin",
            "PGPASSWORD", "x",
            "PGPASSFILE", "/home/op/.pgpass",
            "PGSERVICE", "prod",
            "PGSERVICEFILE", "/etc/pg_service.conf",
            "PGHOST", "db.local",
            "APP_DB_PASSWORD", "pw");

    Map<String, String> variables = ChildEnvironment.from(base, secrets).variables();

    assertThat(variables).containsOnly(Map.entry("PATH", "/bin"), Map.entry("PGHOST", "db.local"));
  }

  @Test
  void from_withholdsEveryVariableASecretWasReadFromInThisJvm() {
    Secret.fromVariable("READ_ELSEWHERE_PASSWORD", "pw");

    Map<String, String> variables =
        ChildEnvironment.from(Map.of("READ_ELSEWHERE_PASSWORD", "pw"), SecretRegistry.empty())
            .variables();

    assertThat(variables).isEmpty();
  }

  @Test
  void with_whatTheCallerAddsWins_evenAWithheldName() {
    ChildEnvironment environment =
        ChildEnvironment.from(Map.of("PGPASSWORD", "inherited"), SecretRegistry.empty())
            .with(Map.of("APP_DB_PASSWORD", "given-on-purpose"));

    assertThat(environment.variables())
        .containsOnly(Map.entry("APP_DB_PASSWORD", "given-on-purpose"));
  }

  @Test
  void withDatabase_namesTheDatabaseAndThePasswordFile() {
    DatabaseConfig db = new DatabaseConfig("db.local", 5433, "app", "svc", Secret.of("pw"), "p");

    Map<String, String> variables =
        ChildEnvironment.from(Map.of(), SecretRegistry.empty())
            .withDatabase(db, Path.of("/state/tmp/x.pgpass"))
            .variables();

    assertThat(variables)
        .containsOnly(
            Map.entry("PGHOST", "db.local"),
            Map.entry("PGPORT", "5433"),
            Map.entry("PGDATABASE", "app"),
            Map.entry("PGUSER", "svc"),
            Map.entry("PGPASSFILE", "/state/tmp/x.pgpass"));
  }
}
