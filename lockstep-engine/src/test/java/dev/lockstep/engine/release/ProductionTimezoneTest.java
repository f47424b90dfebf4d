package dev.lockstep.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ProductionTimezoneTest {

  @Test
  void read_fromAProductionDatabase_isTheZoneOfALockstepSessionThere(DatabaseConfig database)
      throws Exception {
    String sessionZone;
    try (Connection connection = new Database(database).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_setting('TimeZone')")) {
      rows.next();
      sessionZone = rows.getString(1);
    }

    LintTimezone zone = ProductionTimezone.read(database);

    assertThat(zone.zone()).isEqualTo(sessionZone);
    assertThat(zone.source()).isEqualTo(LintTimezone.Source.PRODUCTION);
    assertThat(zone.from())
        .isEqualTo(database.name() + "@" + database.host() + ":" + database.port());
  }

  @Test
  void read_fromADatabaseThatIsDown_saysWhichAndHowToLintWithoutIt() {
    DatabaseConfig down =
        new DatabaseConfig("127.0.0.1", 1, "shop", "shop", Secret.of("s3cret-pw"), "postgres");

    assertThatThrownBy(() -> ProductionTimezone.read(down))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageContaining("lint without -c")
        .hasMessageNotContaining("s3cret-pw")
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.DATABASE_UNREACHABLE));
  }
}
