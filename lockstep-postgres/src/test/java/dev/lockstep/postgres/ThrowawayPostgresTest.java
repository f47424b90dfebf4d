package dev.lockstep.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThrowawayPostgresTest {

  @Test
  void start_acceptsConnectionsAndClose_removesEverything() {
    Path dataDir;
    try (ThrowawayPostgres server = ThrowawayPostgres.start()) {
      dataDir = server.dataDirectory();
      server.createDatabase("shop");
      DatabaseConfig shop = server.database("shop");
      Database database = new Database(shop);

      assertThat(database.exists()).isTrue();
      assertThat(database.serverVersion()).matches("\\d+\\.\\d+");
      assertThat(shop.host()).isEqualTo("127.0.0.1");
      assertThat(server.port()).isPositive();

      server.dropDatabase("shop");
      assertThat(database.exists()).isFalse();
    }
    assertThat(dataDir).doesNotExist();
    assertThat(dataDir.getParent()).doesNotExist();
    assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).isFalse();
  }
}
