package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encryption at rest: round trips, nothing readable on disk, wrong and missing keys. */
@ExtendWith(PostgresExtension.class)
class EncryptionTest {
  private static final String MARKER = "MARKER-7f3a9c-secret-row";

  @TempDir Path backups;
  @TempDir Path live;

  @ParameterizedTest
  @EnumSource(DumpFormat.class)
  void encryptedSet_verifiesRestoresAndKeepsNoDataReadableOnDisk(
      DumpFormat format, DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 20);
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('" + MARKER + "')");
    Path uploads = Fixtures.tree(live.resolve("uploads"));
    Files.writeString(uploads.resolve("secret.txt"), MARKER);
    Path graphData = live.resolve("graph");
    StoreConfig graph = Fixtures.graph("graph", graphData, true);
    Files.writeString(graphData.resolve("nodes.db"), "node:" + MARKER + "\n");
    List<StoreConfig> stores =
        List.of(StoreConfig.postgres("main", db), StoreConfig.files("uploads", uploads), graph);
    BackupStore store =
        new BackupStore(
            backups, Fixtures.encrypted(format, Fixtures.KEY_HEX), PgTools.find(), Progress.NONE);

    BackupSet set = store.create(stores, Fixtures.request());

    assertThat(set.encrypted()).isTrue();
    Path folder = backups.resolve(set.id());
    String manifest = Files.readString(folder.resolve("manifest.json"));
    assertThat(manifest)
        .contains("\"encrypted\" : true")
        .doesNotContain(Fixtures.KEY_HEX)
        .doesNotContain(base64(Fixtures.KEY_HEX));
    assertNowhereOnDisk(folder, MARKER);
    assertNowhereOnDisk(folder, Fixtures.KEY_HEX);
    BackupSetTest.assertOwnerOnly(folder);

    VerificationResult result = store.verify(set.id(), stores);
    assertThat(result.problems()).isEmpty();
    assertThat(result.verified()).isTrue();

    Sql.execute(db, "DELETE FROM notes WHERE body = '" + MARKER + "'");
    Files.delete(uploads.resolve("secret.txt"));
    Files.writeString(graphData.resolve("nodes.db"), "emptied\n");
    store.restore(set.id(), stores);
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes WHERE body = '" + MARKER + "'"))
        .isEqualTo(1);
    assertThat(Files.readString(uploads.resolve("secret.txt"))).isEqualTo(MARKER);
    assertThat(Files.readString(graphData.resolve("nodes.db"))).contains(MARKER);
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly(set.id());
    }
  }

  @Test
  void unencryptedUncompressedSet_doesHoldTheMarker_soTheCheckAboveCanFail(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 2);
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('" + MARKER + "')");
    BackupStore store =
        new BackupStore(
            backups,
            new dev.lockstep.core.config.BackupConfig(
                null, DumpFormat.CUSTOM, 1, 0, null, false, null),
            PgTools.find(),
            Progress.NONE);

    BackupSet set = store.create(List.of(StoreConfig.postgres("main", db)), Fixtures.request());

    assertThatThrownBy(() -> assertNowhereOnDisk(backups.resolve(set.id()), MARKER))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void wrongKey_isNamedAsSuchBeforeAnythingIsTouched(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 3);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupSet set =
        new BackupStore(
                backups,
                Fixtures.encrypted(DumpFormat.CUSTOM, Fixtures.KEY_HEX),
                PgTools.find(),
                Progress.NONE)
            .create(stores, Fixtures.request());
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('still here')");
    BackupStore other =
        new BackupStore(
            backups,
            Fixtures.encrypted(DumpFormat.CUSTOM, Fixtures.OTHER_KEY_HEX),
            PgTools.find(),
            Progress.NONE);

    assertThatThrownBy(() -> other.verify(set.id(), stores)).satisfies(e -> assertWrongKey(e, set));
    assertThatThrownBy(() -> other.restore(set.id(), stores))
        .satisfies(e -> assertWrongKey(e, set));
    // Without encryption.json, the key is tried on the first file instead.
    Files.delete(backups.resolve(set.id()).resolve("encryption.json"));
    assertThatThrownBy(() -> other.restore(set.id(), stores))
        .satisfies(e -> assertWrongKey(e, set));
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(4);
  }

  @Test
  void noKey_forAnEncryptedSet_saysWhichKeyIsNeeded(@TempDir Path data) throws Exception {
    List<StoreConfig> stores = List.of(Fixtures.graph("graph", data, true));
    BackupSet set =
        new BackupStore(
                backups,
                Fixtures.encrypted(DumpFormat.CUSTOM, base64(Fixtures.KEY_HEX)),
                PgTools.find(),
                Progress.NONE)
            .create(stores, Fixtures.request());
    BackupStore withoutKey =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);

    assertThatThrownBy(() -> withoutKey.verify(set.id(), stores))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.getMessage())
                  .contains("is encrypted, and no backup.encryption.key is configured");
            });
    // The same key written in hex reads what was written with it in base64.
    BackupStore hex =
        new BackupStore(
            backups,
            Fixtures.encrypted(DumpFormat.CUSTOM, Fixtures.KEY_HEX),
            PgTools.find(),
            Progress.NONE);
    assertThat(hex.verify(set.id(), stores).verified()).isTrue();
  }

  private static void assertWrongKey(Throwable e, BackupSet set) {
    assertThat(e).isInstanceOf(LockstepException.class);
    assertThat(((LockstepException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
    assertThat(e.getMessage())
        .contains("is not the key backup " + set.id() + " was written with")
        .doesNotContain(Fixtures.OTHER_KEY_HEX)
        .doesNotContain(Fixtures.KEY_HEX);
  }

  private static void assertNowhereOnDisk(Path folder, String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(indexOf(Files.readAllBytes(file), needle)).as(file.toString()).isEqualTo(-1);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }
}
