package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.RecordingProgress;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One set of every kind of store: created, listed, verified, tampered with. */
@ExtendWith(PostgresExtension.class)
class BackupSetTest {
  @TempDir Path backups;
  @TempDir Path live;

  @Test
  void createAndVerify_twoDatabasesAFileTreeAndACommand_verifiesEveryPart(
      DatabaseConfig main, DatabaseConfig search) throws Exception {
    Fixtures.seed(main, 30);
    Fixtures.seed(search, 7);
    List<StoreConfig> stores = stores(main, search);
    RecordingProgress progress = new RecordingProgress();
    BackupStore store =
        new BackupStore(backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), progress);

    BackupSet set = store.create(stores, Fixtures.request());

    assertThat(set.id()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(set.parts())
        .extracting(BackupPart::store)
        .containsExactly("main", "search", "uploads", "graph");
    assertThat(set.purpose()).isEqualTo(BackupRequest.Purpose.UPGRADE);
    assertThat(set.encrypted()).isFalse();
    BackupPart db = set.part("main").orElseThrow();
    assertThat(db.format()).isEqualTo("directory");
    assertThat(db.location()).isEqualTo(main.name());
    assertThat(db.serverVersion()).matches("\\d+\\.\\d+");
    assertThat(db.tables()).containsOnlyKeys("public.notes", "public.tags");
    assertThat(db.tables().get("public.notes").rows()).isEqualTo(30);
    assertThat(db.tables().get("public.notes").contentHash()).matches("h:-?\\d+");
    assertThat(db.files()).extracting(BackupFile::path).contains("postgres/main/toc.dat");
    assertThat(set.part("uploads").orElseThrow().files())
        .extracting(BackupFile::path)
        .containsExactly("files/uploads/tree.tar.gz", "files/uploads/index.jsonl");
    assertThat(set.part("graph").orElseThrow().files())
        .extracting(BackupFile::path)
        .containsExactly("command/graph/edges.db", "command/graph/nodes.db");
    Path folder = backups.resolve(set.id());
    for (BackupPart part : set.parts()) {
      for (BackupFile file : part.files()) {
        assertThat(Sha256.of(folder.resolve(file.path()))).isEqualTo(file.sha256());
      }
    }
    assertThat(set.totalBytes())
        .isEqualTo(set.parts().stream().mapToLong(BackupPart::bytes).sum())
        .isPositive();
    assertThat(store.get(set.id())).isEqualTo(set);
    assertOwnerOnly(folder);
    assertThat(progress.task("dump main").unit()).isEqualTo(Progress.Unit.BYTES);
    assertThat(progress.task("archive uploads").done()).isEqualTo(3000 + 6 + 4 + 19);

    VerificationResult result = store.verify(set.id(), stores);

    assertThat(result.problems()).isEmpty();
    assertThat(result.verified()).isTrue();
    assertThat(result.parts()).allMatch(PartVerification::verified);
    assertThat(result.parts().get(0).tables())
        .extracting(TableComparison::table)
        .containsExactly("public.notes", "public.tags");
    assertThat(result.parts().get(0).tables()).allMatch(TableComparison::matches);
    assertThat(store.lastVerification(set.id())).contains(result);
    BackupSummary summary = store.list().get(0);
    assertThat(summary.stores()).containsExactly("main", "search", "uploads", "graph");
    assertThat(summary.verified()).isTrue();
    assertThat(summary.verifiedAt()).isEqualTo(result.verifiedAt());
    assertThat(
            new Database(main.withName("lockstep_verify_" + set.id().replace('-', '_') + "_0"))
                .exists())
        .isFalse();
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly(set.id());
    }
    assertThat(progress.task("test restore main").unit()).isEqualTo(Progress.Unit.BYTES);
    assertThat(progress.task("test extract uploads").done()).isPositive();
  }

  @Test
  void verify_scratchDatabaseLeftByAKilledVerification_isMadeAnew(DatabaseConfig main)
      throws Exception {
    Fixtures.seed(main, 12);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", main));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    DatabaseConfig leftover = main.withName("lockstep_verify_" + set.id().replace('-', '_') + "_0");
    Sql.execute(main, "CREATE DATABASE " + leftover.name());
    Sql.execute(leftover, "CREATE TABLE notes (half_restored int)");

    VerificationResult result = store.verify(set.id(), stores);

    assertThat(result.problems()).isEmpty();
    assertThat(result.verified()).isTrue();
    assertThat(new Database(leftover).exists()).isFalse();
  }

  @Test
  void verify_pgRestoreMissing_isToolMissingAndLeavesNoScratchDatabase(DatabaseConfig main)
      throws Exception {
    Fixtures.seed(main, 3);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", main));
    BackupSet set =
        new BackupStore(
                backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE)
            .create(stores, Fixtures.request());
    BackupStore withoutPgRestore =
        new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.DIRECTORY),
            PgTools.find().with("pg_restore", live.resolve("no-such-pg_restore")),
            Progress.NONE);

    assertThatThrownBy(() -> withoutPgRestore.verify(set.id(), stores))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.TOOL_MISSING);
              assertThat(e.getMessage()).contains("no-such-pg_restore");
            });
    assertThat(
            new Database(main.withName("lockstep_verify_" + set.id().replace('-', '_') + "_0"))
                .exists())
        .isFalse();
  }

  @Test
  void verify_oneByteChangedInAnyStoredFile_failsNamingThatFile(DatabaseConfig main)
      throws Exception {
    Fixtures.seed(main, 5);
    List<StoreConfig> stores = stores(main, null);
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Path folder = backups.resolve(set.id());
    List<BackupFile> files = set.parts().stream().flatMap(p -> p.files().stream()).toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);

    for (BackupFile file : files) {
      Path stored = folder.resolve(file.path());
      byte[] original = Files.readAllBytes(stored);
      byte[] changed = original.clone();
      changed[changed.length / 2] ^= 1;
      Files.write(stored, changed);

      assertThatThrownBy(() -> store.verify(set.id(), stores))
          .isInstanceOfSatisfying(
              BackupTamperedException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_TAMPERED);
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(file.path() + ": changed");
                assertThat(e.getMessage()).contains(file.path()).contains("must not be used");
              });
      assertThat(store.list().get(0).verified()).isFalse();
      Files.write(stored, original);
    }
    assertThat(store.verify(set.id(), stores).verified()).isTrue();
  }

  @Test
  void verify_missingAndExtraFiles_areBothNamed(DatabaseConfig main) throws Exception {
    Fixtures.seed(main, 5);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", main));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Path folder = backups.resolve(set.id());
    String removed = set.parts().get(0).files().get(0).path();
    Files.delete(folder.resolve(removed));
    Files.writeString(folder.resolve("postgres/main/extra.sql"), "DROP TABLE notes;");

    assertThatThrownBy(() -> store.verify(set.id(), stores))
        .isInstanceOfSatisfying(
            BackupTamperedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        removed + ": missing", "postgres/main/extra.sql: not in the manifest"));
  }

  @Test
  void verify_contentHashInTheManifestDiffers_namesTheTable(DatabaseConfig main) throws Exception {
    Fixtures.seed(main, 5);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", main));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Path manifest = backups.resolve(set.id()).resolve("manifest.json");
    String original = set.part("main").orElseThrow().tables().get("public.tags").contentHash();
    Files.writeString(
        manifest, Files.readString(manifest).replace("\"" + original + "\"", "\"h:12345\""));

    VerificationResult result = store.verify(set.id(), stores);

    assertThat(result.verified()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith("main: table public.tags has the same 2 rows but different content")
        .contains("content hash " + original)
        .contains("recorded h:12345");
    TableComparison tags = result.parts().get(0).tables().get(1);
    assertThat(tags.matches()).isFalse();
    assertThat(store.list().get(0).verified()).isFalse();
  }

  @Test
  void verify_rowCountInTheManifestDiffers_namesTheTable(DatabaseConfig main) throws Exception {
    Fixtures.seed(main, 5);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", main));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    BackupPart part = set.parts().get(0);
    java.util.Map<String, TableFacts> tables = new java.util.TreeMap<>(part.tables());
    tables.put("public.notes", new TableFacts(6, tables.get("public.notes").contentHash()));
    BackupSet edited =
        new BackupSet(
            set.id(),
            set.createdAt(),
            set.runId(),
            set.release(),
            set.purpose(),
            false,
            set.totalBytes(),
            List.of(
                new BackupPart(
                    part.store(),
                    part.kind(),
                    part.location(),
                    part.format(),
                    part.serverVersion(),
                    part.bytes(),
                    part.files(),
                    tables)));
    Files.writeString(
        backups.resolve(set.id()).resolve("manifest.json"), BackupManifestFile.write(edited));

    VerificationResult result = store.verify(set.id(), stores);

    assertThat(result.problems())
        .containsExactly(
            "main: table public.notes has 5 rows after the restore; the manifest recorded 6");
  }

  @Test
  void get_manifestNamingAFileOutsideItsPart_isTampered(@TempDir Path data) throws Exception {
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(List.of(Fixtures.graph("graph", data, true)), Fixtures.request());
    Path manifest = backups.resolve(set.id()).resolve("manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest).replace("command/graph/nodes.db", "command/graph/../../../x"));

    assertThatThrownBy(() -> store.get(set.id()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_TAMPERED);
              assertThat(e.getMessage()).contains("command/graph/../../../x");
            });
  }

  @Test
  void verify_commandStoreWithoutScratchLoad_isNotCalledVerified(@TempDir Path data)
      throws Exception {
    List<StoreConfig> stores = List.of(Fixtures.graph("graph", data, false));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());

    VerificationResult result = store.verify(set.id(), stores);

    assertThat(result.verified()).isFalse();
    assertThat(result.problems())
        .containsExactly("graph: no scratchLoad command: Lockstep cannot prove this dump restores");
  }

  @Test
  void verify_scratchLoadFails_isNotVerifiedAndSaysWhy(@TempDir Path data) throws Exception {
    StoreConfig graph = Fixtures.graph("graph", data, false);
    List<StoreConfig> failing =
        List.of(
            StoreConfig.command(
                "graph",
                graph.dump(),
                graph.load(),
                "echo 'graphd: bad magic in {dir}' >&2; exit 3"));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(failing, Fixtures.request());

    VerificationResult result = store.verify(set.id(), failing);

    assertThat(result.verified()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith("graph: the scratchLoad command exited with 3")
        .contains("graphd: bad magic in " + backups.resolve(set.id()).resolve("command/graph"));
  }

  private List<StoreConfig> stores(DatabaseConfig main, DatabaseConfig search) throws Exception {
    List<StoreConfig> stores = new java.util.ArrayList<>();
    stores.add(StoreConfig.postgres("main", main));
    if (search != null) {
      stores.add(StoreConfig.postgres("search", search));
    }
    stores.add(StoreConfig.files("uploads", Fixtures.tree(live.resolve("uploads"))));
    stores.add(Fixtures.graph("graph", live.resolve("graph-data"), true));
    return stores;
  }

  static void assertOwnerOnly(Path folder) throws Exception {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
            .as(path.toString())
            .isEqualTo(expected);
      }
    }
  }
}
