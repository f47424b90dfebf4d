package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.DJANGO;
import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DjangoHistoryTest {

  @Test
  void read_appMigrationsInAppliedOrder(DatabaseConfig db) {
    execute(
        db,
        DJANGO,
        // MigrationRecorder.record_applied, one row per migration as `migrate` applies them.
        "INSERT INTO \"django_migrations\" (\"app\", \"name\", \"applied\") VALUES"
            + " ('contenttypes', '0001_initial', '2024-05-01T10:00:00Z'),"
            + " ('auth', '0001_initial', '2024-05-01T10:00:01Z'),"
            + " ('notes', '0002_add_tags', '2024-05-02T08:30:00Z')");

    MigrationHistory history = read(db, HistoryFormat.DJANGO, null);

    assertThat(history.table()).isEqualTo("public.django_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("contenttypes.0001_initial", "auth.0001_initial", "notes.0002_add_tags");
    HistoryEntry last = history.applied().get(2);
    assertThat(last.description()).isEqualTo("add tags");
    assertThat(last.appliedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:00Z"));
    assertThat(last.detail()).isEqualTo("app notes");
    assertThat(last.checksum()).isNull();
    assertThat(history.dirty()).isEmpty();
  }
}
