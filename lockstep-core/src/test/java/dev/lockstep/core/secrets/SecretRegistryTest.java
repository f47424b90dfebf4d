package dev.lockstep.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRegistryTest {

  @Test
  void of_config_holdsTheDatabasePasswordEveryStorePasswordAndTheBackupKey() {
    DatabaseConfig db =
        new DatabaseConfig(
            "h", 5432, "app", "app", Secret.fromVariable("APP_DB_PW", "db-pw"), "postgres");
    DatabaseConfig other =
        new DatabaseConfig("h", 5432, "graph", "g", Secret.of("graph-pw"), "postgres");
    Secret key = Secret.fromVariable("APP_BACKUP_KEY", "the-backup-key\n");
    DeploymentConfig config =
        DeploymentConfig.builder()
            .file(Path.of("/x/lockstep.yaml"))
            .environment("test")
            .stateDir(Path.of("/x/state"))
            .releases(Path.of("/x/releases"))
            .database(db)
            .stores(List.of(StoreConfig.postgres("app", db), StoreConfig.postgres("graph", other)))
            .backup(new BackupConfig(null, DumpFormat.DIRECTORY, 1, null, key, true, null))
            .build();

    SecretRegistry registry = SecretRegistry.of(config);

    assertThat(registry.secrets())
        .extracting(Secret::reveal)
        .containsExactly("db-pw", "graph-pw", "the-backup-key\n");
    assertThat(registry.variables()).containsExactly("APP_DB_PW", "APP_BACKUP_KEY");
    assertThat(registry.redact("db-pw graph-pw key=the-backup-key."))
        .isEqualTo("****** ****** key=******.");
  }

  @Test
  void redact_masksTheLongestSecretWhole_andItsJsonForm() {
    SecretRegistry registry =
        SecretRegistry.of(List.of(Secret.of("abc"), Secret.of("abcdef"), Secret.of("q\"t\\x")));

    assertThat(registry.redact("abcdef abc")).isEqualTo("****** ******");
    assertThat(registry.redact("{\"p\":\"q\\\"t\\\\x\"}")).isEqualTo("{\"p\":\"******\"}");
    assertThat(registry.redact(null)).isNull();
    assertThat(registry.appearsIn("xx abc")).isTrue();
    assertThat(registry.appearsIn("ab")).isFalse();
  }

  @Test
  void redact_masksTheHtmlFormOfASecret() {
    SecretRegistry registry = SecretRegistry.of(List.of(Secret.of("a<b>&'c\"")));

    assertThat(registry.redact("<dd>a&lt;b&gt;&amp;&#39;c&quot;</dd>"))
        .isEqualTo("<dd>******</dd>");
  }

  @Test
  void empty_andEmptySecrets_maskNothing() {
    assertThat(SecretRegistry.empty().redact("anything")).isEqualTo("anything");
    assertThat(SecretRegistry.of(List.of(Secret.of(""))).redact("text")).isEqualTo("text");
    assertThat(SecretRegistry.empty().with(List.of(Secret.of("later"))).redact("later"))
        .isEqualTo(SecretRegistry.MASK);
  }
}
