package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.LIQUIBASE;
import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class LiquibaseHistoryTest {
  // MarkChangeSetRanGenerator's insert (Liquibase writes NOW(); fixed times here, to assert on).
  private static final String INSERT =
      "INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED,"
          + " MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID)"
          + " VALUES ";

  @Test
  void read_changesetsInLiquibasesOrder_namedFileIdAuthor(DatabaseConfig db) {
    execute(
        db,
        LIQUIBASE,
        INSERT
            + "('2', 'bob', 'db/changelog.xml', '2024-05-01 10:00:00', 2,"
            + " '9:0c1e5f7e1b0e8e2b5a4ad8b0c7e6d5f4', 'addColumn tableName=notes', '', 'EXECUTED',"
            + " NULL, NULL, '5.0.4', '4567890123'),"
            + "('1', 'alice', 'db/changelog.xml', '2024-05-01 10:00:00', 1,"
            + " '9:a1b2c3d4e5f60718293a4b5c6d7e8f90', 'createTable tableName=notes', '', 'EXECUTED',"
            + " NULL, NULL, '5.0.4', '4567890123'),"
            + "('seed', 'alice', 'db/seed.xml', '2024-05-02 09:00:00', 3, '9:ffff', 'sql', '',"
            + " 'MARK_RAN', NULL, NULL, '5.0.4', '5678901234')",
        "UPDATE public.databasechangelog SET TAG = 'v1.0' WHERE ID = '2'");

    MigrationHistory history = read(db, HistoryFormat.LIQUIBASE, null);

    assertThat(history.table()).isEqualTo("public.databasechangelog");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly(
            "db/changelog.xml::1::alice", "db/changelog.xml::2::bob", "db/seed.xml::seed::alice");
    HistoryEntry second = history.applied().get(1);
    assertThat(second.description()).isEqualTo("addColumn tableName=notes");
    assertThat(second.checksum()).isEqualTo("9:0c1e5f7e1b0e8e2b5a4ad8b0c7e6d5f4");
    assertThat(second.detail()).isEqualTo("EXECUTED, tag v1.0, deployment 4567890123");
    assertThat(second.appliedAt())
        .isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0).atZone(ZoneId.systemDefault()).toInstant());
    assertThat(second.executionTime()).isNull();
    assertThat(history.applied()).allMatch(HistoryEntry::success);
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void read_lockLeftHeld_isDirtyAndTheUpdateReleasesIt(DatabaseConfig db) {
    execute(
        db,
        LIQUIBASE,
        // LockDatabaseChangeLogGenerator: hostname + description + " (" + address + ")".
        "UPDATE public.databasechangeloglock SET LOCKED = TRUE,"
            + " LOCKEDBY = 'deploy-7 (10.0.0.12)', LOCKGRANTED = NOW() - interval '2 hours'"
            + " WHERE ID = 1 AND LOCKED = FALSE");

    MigrationHistory history = read(db, HistoryFormat.LIQUIBASE, null);

    assertThat(history.applied()).isEmpty();
    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.format()).isEqualTo(HistoryFormat.LIQUIBASE);
              assertThat(dirty.what())
                  .startsWith(
                      "Liquibase's lock in public.databasechangeloglock is held by 'deploy-7 (10.0.0.12)'"
                          + " since ")
                  .contains("(2h 0m)", "Could not acquire change log lock");
              assertThat(dirty.wayOut()).contains("`liquibase release-locks`");
            });
    String release =
        "UPDATE \"public\".\"databasechangeloglock\" SET locked = FALSE, lockgranted = NULL,"
            + " lockedby = NULL WHERE id = 1;";
    assertThat(history.dirty().get(0).wayOut()).contains(release);

    execute(db, release);
    assertThat(read(db, HistoryFormat.LIQUIBASE, null).dirty()).isEmpty();
  }

  @Test
  void read_tableFromBeforeLiquibase3_withoutTagAndDeploymentId(DatabaseConfig db) {
    execute(
        db,
        "CREATE TABLE databasechangelog (ID VARCHAR(63) NOT NULL, AUTHOR VARCHAR(63) NOT NULL,"
            + " FILENAME VARCHAR(200) NOT NULL, DATEEXECUTED TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " ORDEREXECUTED INT NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35),"
            + " DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), LIQUIBASE VARCHAR(20))",
        "INSERT INTO databasechangelog VALUES ('1', 'a', 'c.xml', now(), 1, 'EXECUTED', '3:x',"
            + " 'createTable', '', '2.0.5')");

    MigrationHistory history = read(db, HistoryFormat.LIQUIBASE, null);

    assertThat(history.applied())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.id()).isEqualTo("c.xml::1::a");
              assertThat(entry.detail()).isEqualTo("EXECUTED");
            });
  }
}
