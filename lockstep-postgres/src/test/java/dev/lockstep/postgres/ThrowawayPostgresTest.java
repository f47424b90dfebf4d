package dev.lockstep.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

  @Test
  void copyDatabase_fromATemplate_holdsItsTablesAndRows() throws Exception {
    ThrowawayPostgres server = PostgresExtension.server();
    DatabaseConfig base = PostgresExtension.freshDatabase("copy_base");
    try (Connection connection = new Database(base).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE notes (id int); INSERT INTO notes VALUES (1), (2)");
    }

    server.copyDatabase(base.name(), base.name() + "_copy");

    try (Connection copy = new Database(server.database(base.name() + "_copy")).connect();
        Statement statement = copy.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM notes")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(2);
    } finally {
      server.dropDatabase(base.name() + "_copy");
      server.dropDatabase(base.name());
    }
  }
}
