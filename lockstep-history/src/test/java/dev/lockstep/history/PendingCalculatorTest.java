package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingCalculatorTest {

  @Test
  void compare_flyway_versionsCompareByNumber() {
    MigrationHistory history =
        history(HistoryFormat.FLYWAY, flyway("1", "SQL"), flyway("2.0", "SQL"));

    PendingMigrations result = PendingCalculator.compare(history, List.of("1", "2", "2.1", "3"));

    assertThat(result.applied()).extracting(HistoryEntry::id).containsExactly("1", "2.0");
    assertThat(result.pending()).containsExactly("2.1", "3");
    assertThat(result.unknown()).isEmpty();
  }

  @Test
  void compare_flywayBaseline_coversEveryVersionUpToIt() {
    MigrationHistory history =
        history(HistoryFormat.LOCKSTEP, flyway("5", "BASELINE"), flyway("6", "SQL"));

    PendingMigrations result = PendingCalculator.compare(history, List.of("1", "4", "5", "6", "7"));

    assertThat(result.pending()).containsExactly("7");
    assertThat(result.unknown()).isEmpty();
  }

  @Test
  void compare_flywayFailedDeletedAndUndone_areNotApplied() {
    MigrationHistory history =
        history(
            HistoryFormat.FLYWAY,
            flyway("1", "SQL"),
            flyway("2", "SQL"),
            flyway("2", "DELETE"),
            flyway("3", "SQL"),
            flyway("3", "UNDO_SQL"),
            failed(flyway("4", "SQL")));

    PendingMigrations result = PendingCalculator.compare(history, List.of("1", "2", "3", "4"));

    assertThat(result.applied()).extracting(HistoryEntry::id).containsExactly("1");
    assertThat(result.pending()).containsExactly("2", "3", "4");
  }

  @Test
  void compare_flywayVersionTheReleaseDoesNotShip_isUnknown() {
    MigrationHistory history =
        history(HistoryFormat.FLYWAY, flyway("1", "SQL"), flyway("9", "SQL"));

    PendingMigrations result = PendingCalculator.compare(history, List.of("1", "2"));

    assertThat(result.pending()).containsExactly("2");
    assertThat(result.unknown()).containsExactly("9");
  }

  @Test
  void compare_golangMigrate_everyVersionUpToTheCurrentIsApplied() {
    MigrationHistory history = history(HistoryFormat.GOLANG_MIGRATE, entry("3"));

    PendingMigrations result =
        PendingCalculator.compare(history, List.of("000001", "000002", "000003", "000004"));

    assertThat(result.applied()).extracting(HistoryEntry::id).containsExactly("3");
    assertThat(result.pending()).containsExactly("000004");
    assertThat(result.unknown()).isEmpty();
  }

  @Test
  void compare_golangMigrateDirty_theDirtyVersionIsPending() {
    MigrationHistory history = history(HistoryFormat.GOLANG_MIGRATE, failed(entry("3")));

    PendingMigrations result = PendingCalculator.compare(history, List.of("1", "2", "3", "4"));

    assertThat(result.applied()).isEmpty();
    assertThat(result.pending()).containsExactly("3", "4");
  }

  @Test
  void compare_golangMigrateNewerThanTheRelease_currentIsUnknown() {
    MigrationHistory history = history(HistoryFormat.GOLANG_MIGRATE, entry("7"));

    PendingMigrations result = PendingCalculator.compare(history, List.of("1", "2"));

    assertThat(result.pending()).isEmpty();
    assertThat(result.unknown()).containsExactly("7");
  }

  @Test
  void compare_emptyHistory_everythingIsPending() {
    for (HistoryFormat format : HistoryFormat.values()) {
      PendingMigrations result = PendingCalculator.compare(history(format), List.of("1", "2", "1"));

      assertThat(result.pending()).as(format.name()).containsExactly("1", "2");
      assertThat(result.applied()).isEmpty();
      assertThat(result.unknown()).isEmpty();
    }
  }

  @Test
  void compare_liquibase_fullOrBareChangesetIds() {
    MigrationHistory history =
        history(
            HistoryFormat.LIQUIBASE,
            entry("db/changelog.xml::1::alice"),
            entry("db/changelog.xml::2::bob"),
            entry("db/old.xml::9::carol"));

    PendingMigrations result =
        PendingCalculator.compare(history, List.of("db/changelog.xml::1::alice", "2", "3"));

    assertThat(result.pending()).containsExactly("3");
    assertThat(result.unknown()).containsExactly("db/old.xml::9::carol");
  }

  @Test
  void compare_rails_versionsCompareByNumber() {
    MigrationHistory history = history(HistoryFormat.RAILS, entry("1"), entry("20240101000000"));

    PendingMigrations result =
        PendingCalculator.compare(history, List.of("001", "20240101000000", "20240202000000"));

    assertThat(result.pending()).containsExactly("20240202000000");
    assertThat(result.unknown()).isEmpty();
  }

  @Test
  void compare_prismaUnfinished_isPendingNotApplied() {
    MigrationHistory history =
        history(HistoryFormat.PRISMA, entry("20240101_init"), failed(entry("20240102_index")));

    PendingMigrations result =
        PendingCalculator.compare(history, List.of("20240101_init", "20240102_index"));

    assertThat(result.applied()).extracting(HistoryEntry::id).containsExactly("20240101_init");
    assertThat(result.pending()).containsExactly("20240102_index");
  }

  @Test
  void compare_django_namesAreExact() {
    MigrationHistory history =
        history(HistoryFormat.DJANGO, entry("auth.0001_initial"), entry("notes.0001_initial"));

    PendingMigrations result =
        PendingCalculator.compare(history, List.of("notes.0001_initial", "notes.0002_add_tags"));

    assertThat(result.pending()).containsExactly("notes.0002_add_tags");
    assertThat(result.unknown()).containsExactly("auth.0001_initial");
  }

  private static MigrationHistory history(HistoryFormat format, HistoryEntry... entries) {
    return new MigrationHistory(format, "public.t", Arrays.asList(entries), List.of());
  }

  private static HistoryEntry entry(String id) {
    return new HistoryEntry(id, null, null, true, null, null, null);
  }

  private static HistoryEntry flyway(String version, String type) {
    return new HistoryEntry(
        version, "d", null, true, null, null, type + " V" + version + "__d.sql, installed by app");
  }

  private static HistoryEntry failed(HistoryEntry entry) {
    return new HistoryEntry(
        entry.id(), entry.description(), null, false, null, null, entry.detail());
  }
}
