package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's own format: version 1 files migrated forward, newer ones refused. */
class JournalSchemaTest {
  // The values in src/test/resources/journal/v1-journal.db (see the README beside it).
  private static final String DONE = "run-20260110-090000-5632";
  private static final String CRASHED = "run-20260220-143000-78af";
  private static final Instant JAN = Instant.parse("2026-01-10T09:00:00Z");
  private static final Instant FEB = Instant.parse("2026-02-20T14:30:00Z");
  private static final Instant GOLDEN_OWNER_START = Instant.ofEpochMilli(1796500480590L);

  @TempDir Path stateDir;
  private static final int CURRENT = JournalSchema.CURRENT.currentVersion();

  private Path file;

  @BeforeEach
  void setUp() {
    file = stateDir.resolve("journal.db");
  }

  @Test
  void open_goldenV1Journal_migratesToCurrentWithEveryRowIntact() throws Exception {
    copyGoldenV1(file);

    try (Journal journal = Journal.open(file)) {
      assertThat(journal.formatVersion()).isEqualTo(CURRENT);
      assertThat(journal.upgrade())
          .contains(new JournalUpgrade(file.toAbsolutePath(), 1, CURRENT, backupOf(file, 1)));
      assertGoldenV1Rows(journal);
      assertThat(journal.checklists(CRASHED)).isEmpty();
      assertThat(journal.unfinishedRun().map(RunRecord::id)).contains(CRASHED);
    }
  }

  @Test
  void open_goldenV1Journal_keepsAWholeV1CopyBesideIt() throws Exception {
    copyGoldenV1(file);

    try (Journal journal = Journal.open(file)) {
      assertThat(journal.upgrade().orElseThrow().notice())
          .contains(file.toAbsolutePath().toString(), "from format version 1 to " + CURRENT)
          .contains(backupOf(file, 1).toString());
    }

    Path backup = backupOf(file, 1);
    assertThat(userVersion(backup)).isZero();
    assertThat(tables(backup)).containsExactly("facts", "installed", "runs", "steps");
    assertThat(stateDir).isDirectoryNotContaining("glob:**.tmp");
    // What an operator going back does: the v1 copy as the journal again, read by this code.
    Path restored = stateDir.resolve("restored").resolve("journal.db");
    Files.createDirectories(restored.getParent());
    Files.copy(backup, restored);
    try (Journal journal = Journal.open(restored)) {
      assertGoldenV1Rows(journal);
    }
  }

  @Test
  void open_twice_migratesOnce() throws Exception {
    copyGoldenV1(file);
    try (Journal first = Journal.open(file)) {
      assertThat(first.upgrade()).isPresent();
    }
    byte[] backup = Files.readAllBytes(backupOf(file, 1));
    List<String> schema = schema(file);

    try (Journal second = Journal.open(file)) {
      assertThat(second.upgrade()).isEmpty();
      assertThat(second.formatVersion()).isEqualTo(CURRENT);
      assertGoldenV1Rows(second);
    }

    assertThat(schema(file)).isEqualTo(schema);
    assertThat(Files.readAllBytes(backupOf(file, 1))).isEqualTo(backup);
  }

  @Test
  void open_migratedJournal_hasTheSameSchemaAsANewOne() throws Exception {
    copyGoldenV1(file);
    Journal.open(file).close();
    Path fresh = stateDir.resolve("fresh").resolve("journal.db");
    Journal.open(fresh).close();

    assertThat(schema(file)).isEqualTo(schema(fresh));
  }

  @Test
  void open_newFile_isCreatedAtTheCurrentVersionWithoutACopy() throws Exception {
    try (Journal journal = Journal.open(file)) {
      assertThat(journal.formatVersion()).isEqualTo(JournalSchema.CURRENT.currentVersion());
      assertThat(journal.upgrade()).isEmpty();
    }
    assertThat(userVersion(file)).isEqualTo(CURRENT);
    assertThat(tables(file)).contains("checklists", "watches", "watch_samples", "watch_events");
    try (var files = Files.list(stateDir)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsOnly("journal.db");
    }
  }

  @Test
  void empty_isAtTheCurrentVersion() {
    try (Journal journal = Journal.empty()) {
      assertThat(journal.formatVersion()).isEqualTo(CURRENT);
      assertThat(journal.upgrade()).isEmpty();
      String runId = journal.startRun(RunKind.UPGRADE, "e", null, "1.0.0").id();
      assertThat(journal.recordChecklist(runId, Phase.FORWARD, 1, List.of("backup"), "{}").number())
          .isEqualTo(1);
    }
  }

  @Test
  void open_journalFromANewerLockstep_isRefusedAndNotTouched() throws Exception {
    Journal.open(file).close();
    setUserVersion(file, CURRENT + 1);
    String before = sha256(file);

    assertThatThrownBy(() -> Journal.open(file))
        .isInstanceOf(LockstepException.class)
        .satisfies(
            e -> {
              assertThat(((LockstepException) e).errorCode()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
              assertThat(((LockstepException) e).exitCode()).isEqualTo(2);
            })
        .hasMessageContaining("The journal " + file.toAbsolutePath())
        .hasMessageContaining("has format version " + (CURRENT + 1))
        .hasMessageContaining("knows versions up to " + CURRENT)
        .hasMessageContaining("Nothing was changed")
        .hasMessageContaining("Use that newer Lockstep")
        .hasMessageContaining("No copy for this version (" + backupOf(file, CURRENT) + ")");

    assertThat(sha256(file)).isEqualTo(before);
    assertThat(userVersion(file)).isEqualTo(CURRENT + 1);
    assertThat(Files.exists(backupOf(file, CURRENT))).isFalse();
  }

  @Test
  void open_journalFromANewerLockstepWithACopyBesideIt_namesTheCopy() throws Exception {
    Journal.open(file).close();
    Files.copy(file, backupOf(file, CURRENT));
    setUserVersion(file, CURRENT + 1);

    assertThatThrownBy(() -> Journal.open(file))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("has format version " + (CURRENT + 1))
        .hasMessageContaining("copy " + backupOf(file, CURRENT))
        .hasMessageContaining("with its -wal and -shm files");
  }

  @Test
  void bringUpToDate_failingMigration_leavesTheJournalAtTheVersionBefore() throws Exception {
    copyGoldenV1(file);
    JournalSchema schema =
        new JournalSchema(
            List.of(
                JournalMigrations.ALL.get(0),
                new JournalMigration(
                    2,
                    3,
                    "a broken one",
                    List.of("CREATE TABLE half (x TEXT)", "ALTER TABLE missing ADD COLUMN y"))));

    try (JournalConnection db = JournalConnection.open("jdbc:sqlite:" + file)) {
      assertThatThrownBy(() -> schema.bringUpToDate(db, file))
          .isInstanceOf(LockstepException.class)
          .hasMessageContaining("from format version 2 to 3 (a broken one)")
          .hasMessageContaining("left at version 2, unchanged")
          .hasMessageContaining("a copy of it is kept as " + backupOf(file, 1));
    }

    assertThat(userVersion(file)).isEqualTo(2);
    assertThat(tables(file)).contains("checklists").doesNotContain("half");
  }

  @Test
  void constructor_migrationsWithAGap_areRejected() {
    assertThatThrownBy(
            () ->
                new JournalSchema(
                    List.of(
                        new JournalMigration(1, 2, "a", List.of()),
                        new JournalMigration(3, 4, "b", List.of()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("3 -> 4 after version 2");
  }

  @Test
  void migratedJournal_stillWorksForTheLockstepBeforeVersions() throws Exception {
    copyGoldenV1(file);
    Journal.open(file).close();

    // What the older Lockstep does on a file: its CREATE TABLE IF NOT EXISTS on open, then writes.
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = old.createStatement()) {
      for (String ddl : JournalMigrations.BASELINE) {
        statement.execute(ddl);
      }
      statement.execute(
          "INSERT INTO steps (run_id, seq, name, phase, status, started_at) VALUES ('"
              + CRASHED
              + "', 3, 'install', 'FORWARD', 'STARTED', 0)");
    }

    try (Journal journal = Journal.open(file)) {
      assertThat(journal.formatVersion()).isEqualTo(CURRENT);
      assertThat(journal.steps(CRASHED)).extracting(StepRecord::name).endsWith("install");
    }
  }

  private static void assertGoldenV1Rows(Journal journal) {
    assertThat(journal.runs())
        .containsExactly(
            new RunRecord(
                CRASHED,
                RunKind.UPGRADE,
                "production",
                "1.1.0",
                "2.0.0",
                RunStatus.RUNNING,
                FEB,
                null,
                12001,
                GOLDEN_OWNER_START,
                null),
            new RunRecord(
                DONE,
                RunKind.UPGRADE,
                "production",
                "1.0.0",
                "1.1.0",
                RunStatus.SUCCEEDED,
                JAN,
                JAN,
                12001,
                GOLDEN_OWNER_START,
                "1.1.0 is installed"));
    assertThat(journal.steps(DONE))
        .extracting(
            StepRecord::seq,
            StepRecord::name,
            StepRecord::phase,
            StepRecord::status,
            StepRecord::startedAt,
            StepRecord::endedAt,
            StepRecord::detail)
        .containsExactly(
            tuple(
                1,
                "backup",
                Phase.FORWARD,
                StepStatus.SUCCEEDED,
                JAN,
                JAN,
                "backup 20260110-090000"),
            tuple(
                2,
                "migrate",
                Phase.FORWARD,
                StepStatus.SUCCEEDED,
                JAN,
                JAN,
                "2 migrations applied"));
    assertThat(journal.steps(CRASHED))
        .extracting(
            StepRecord::seq,
            StepRecord::name,
            StepRecord::status,
            StepRecord::endedAt,
            StepRecord::detail)
        .containsExactly(
            tuple(1, "backup", StepStatus.SUCCEEDED, FEB, "backup 20260220-143000"),
            tuple(2, "migrate", StepStatus.STARTED, null, null));
    assertThat(journal.facts(DONE))
        .containsExactly(
            java.util.Map.entry("backup.id", "20260110-090000"),
            java.util.Map.entry("migrations.applied", "V2__add_index,V3__add_column"));
    assertThat(journal.facts(CRASHED))
        .containsExactly(java.util.Map.entry("backup.id", "20260220-143000"));
    assertThat(journal.installed()).contains(new Installed("1.1.0", DONE, JAN));
  }

  private static void copyGoldenV1(Path target) throws Exception {
    try (InputStream golden =
        JournalSchemaTest.class.getResourceAsStream("/journal/v1-journal.db")) {
      assertThat(golden).as("src/test/resources/journal/v1-journal.db").isNotNull();
      Files.copy(golden, target);
    }
    assertThat(sha256(target))
        .as("the golden v1 journal must stay as the old Lockstep wrote it")
        .isEqualTo("72967a8f02104f92215afccfa27791befc8698371f76cc0d9c31152f074f2371");
  }

  private static Path backupOf(Path file, int version) {
    return file.toAbsolutePath().resolveSibling("journal.db.v" + version + ".bak");
  }

  private static int userVersion(Path db) throws Exception {
    return queryStrings(db, "PRAGMA user_version").stream().mapToInt(Integer::parseInt).sum();
  }

  private static void setUserVersion(Path db, int version) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + version);
    }
  }

  private static List<String> tables(Path db) throws Exception {
    return queryStrings(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  }

  private static List<String> schema(Path db) throws Exception {
    return queryStrings(
        db,
        "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name");
  }

  private static List<String> queryStrings(Path db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static String sha256(Path path) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
  }
}
