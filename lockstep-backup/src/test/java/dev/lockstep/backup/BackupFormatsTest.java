package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.backup.tree.TreeEntry;
import dev.lockstep.backup.tree.TreeIndex;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.testing.GoldenFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of a backup set, in every format version: sets written before files had versions (by
 * the code of that time, see {@code formats/backup/README.md}) are read as version 1, the writer's
 * output for a fixed set is the committed version-1 file, and a newer version is refused.
 */
class BackupFormatsTest {
  static final Path FORMATS = Path.of("src/test/resources/formats/backup");
  static final String PLAIN_ID = "20261205-200010-9289";
  static final String ENCRYPTED_ID = "20261205-200014-b77d";
  private static final GoldenFiles GOLDEN = GoldenFiles.in(FORMATS.resolve("v1").toString());
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456789Z");

  @TempDir Path backups;

  @Test
  void get_unversionedSet_readsEveryField() throws Exception {
    BackupStore store = storeWith("plain", PLAIN_ID);

    BackupSet set = store.get(PLAIN_ID);

    assertThat(set.id()).isEqualTo(PLAIN_ID);
    assertThat(set.createdAt()).isEqualTo(Instant.parse("2026-12-05T20:00:10.720543238Z"));
    assertThat(set.runId()).isEqualTo("run-1");
    assertThat(set.release()).isEqualTo("2.3.0");
    assertThat(set.purpose()).isEqualTo(BackupRequest.Purpose.UPGRADE);
    assertThat(set.encrypted()).isFalse();
    assertThat(set.totalBytes()).isEqualTo(5508);
    assertThat(set.parts())
        .extracting(BackupPart::store, BackupPart::kind, BackupPart::format, BackupPart::bytes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "main", StoreConfig.Kind.POSTGRES, "directory", 3774L),
            org.assertj.core.groups.Tuple.tuple("uploads", StoreConfig.Kind.FILES, "tar.gz", 1715L),
            org.assertj.core.groups.Tuple.tuple("graph", StoreConfig.Kind.COMMAND, "command", 19L));
    BackupPart main = set.part("main").orElseThrow();
    assertThat(main.serverVersion()).isEqualTo("15.18");
    assertThat(main.tables())
        .isEqualTo(
            Map.of(
                "public.notes", new TableFacts(5, "h:-4364428370094883754"),
                "public.tags", new TableFacts(2, "h:-1191187235643924141")));
    assertThat(main.files())
        .containsExactly(
            new BackupFile(
                "postgres/main/3350.dat.gz",
                80,
                "9863fd480824a19c99a93da04eb1dfd8169d9d8bfa76ba73804ef951ac27f46a"),
            new BackupFile(
                "postgres/main/3351.dat.gz",
                33,
                "40ae3e8b906383238aeff60e5445b8d0be4e869487988e93fcbaee63904fb913"),
            new BackupFile(
                "postgres/main/toc.dat",
                3661,
                "71fc02e9210401cfd50dc9f55c9354646c68319f4df17e4a6eaef5be4d4744dc"));
    assertThat(set.part("graph").orElseThrow().location()).isEqualTo("command/graph");
    assertThat(store.list())
        .singleElement()
        .satisfies(
            summary -> {
              assertThat(summary.stores()).containsExactly("main", "uploads", "graph");
              assertThat(summary.verified()).isTrue();
              assertThat(summary.verifiedAt())
                  .isEqualTo(Instant.parse("2026-12-05T20:00:14.690213180Z"));
            });
  }

  @Test
  void lastVerification_unversionedFile_readsEveryField() throws Exception {
    BackupStore store = storeWith("plain", PLAIN_ID);

    VerificationResult result = store.lastVerification(PLAIN_ID).orElseThrow();

    assertThat(result.backupId()).isEqualTo(PLAIN_ID);
    assertThat(result.verified()).isTrue();
    assertThat(result.duration()).isEqualTo(Duration.parse("PT2.132480682S"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.parts())
        .extracting(PartVerification::store, PartVerification::verified)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("main", true),
            org.assertj.core.groups.Tuple.tuple("uploads", true),
            org.assertj.core.groups.Tuple.tuple("graph", true));
    assertThat(result.parts().get(0).tables())
        .containsExactly(
            new TableComparison(
                "public.notes", 5, 5, "h:-4364428370094883754", "h:-4364428370094883754"),
            new TableComparison(
                "public.tags", 2, 2, "h:-1191187235643924141", "h:-1191187235643924141"));
  }

  @Test
  void get_unversionedEncryptedSet_readsItAsEncrypted() throws Exception {
    BackupStore store = storeWith("encrypted", ENCRYPTED_ID);

    BackupSet set = store.get(ENCRYPTED_ID);

    assertThat(set.encrypted()).isTrue();
    assertThat(set.purpose()).isEqualTo(BackupRequest.Purpose.ON_DEMAND);
    assertThat(set.runId()).isNull();
    assertThat(set.part("main").orElseThrow().format()).isEqualTo("custom");
    assertThat(EncryptionFile.read(backups.resolve(ENCRYPTED_ID).resolve(SetLayout.ENCRYPTION)))
        .isEqualTo(
            new EncryptionFile(1, "AES256_GCM_HKDF_64KB", "926acea23982df3a022289af3a50b24f"));
  }

  @Test
  void treeIndex_unversionedIndex_readsEveryEntry() throws Exception {
    Path index = FORMATS.resolve("unversioned/plain/" + PLAIN_ID + "/files/uploads/index.jsonl");

    List<TreeEntry> entries = readIndex(index);

    assertThat(entries)
        .extracting(TreeEntry::path)
        .containsExactly(
            ".",
            "docs",
            "docs/a.txt",
            "docs/deep",
            "docs/deep/b.bin",
            "empty",
            "latest",
            "readme.txt",
            "run.sh");
    assertThat(entries.get(2))
        .isEqualTo(
            new TreeEntry(
                "docs/a.txt",
                TreeEntry.Type.FILE,
                "0644",
                3000,
                "556ac82f23f64d2f41b3fb3b9a171791364021aa95c0af6df9e2b5e1d88c8038",
                null));
    assertThat(entries.get(6))
        .isEqualTo(new TreeEntry("latest", TreeEntry.Type.SYMLINK, "0777", 0, null, "docs/a.txt"));
  }

  @Test
  void write_fixedSet_isTheVersionOneGoldenAndReadsBackEqual() throws Exception {
    BackupSet set = fixedSet();

    GOLDEN.assertMatches("manifest.json", BackupManifestFile.write(set));

    assertThat(BackupManifestFile.read(GOLDEN.file("manifest.json"))).isEqualTo(set);
  }

  @Test
  void write_fixedVerification_isTheVersionOneGoldenAndReadsBackEqual() throws Exception {
    VerificationResult result =
        new VerificationResult(
            "20261201-100000-abcd",
            false,
            T0.plusSeconds(30),
            Duration.ofMillis(2500),
            List.of(
                new PartVerification(
                    "main",
                    false,
                    List.of(
                        new TableComparison("public.notes", 5, 5, "h:1", "h:1"),
                        new TableComparison("public.tags", 2, 1, "h:2", "h:3")),
                    List.of("table public.tags has 1 rows, the manifest recorded 2")),
                new PartVerification("uploads", true, List.of(), List.of())),
            List.of("main: table public.tags has 1 rows, the manifest recorded 2"));

    GOLDEN.assertMatches("verification.json", VerificationFile.write(result));

    assertThat(VerificationFile.read(GOLDEN.file("verification.json"))).isEqualTo(result);
  }

  @Test
  void write_encryptionRecord_isTheVersionOneGolden() throws Exception {
    GOLDEN.assertMatches(
        "encryption.json", EncryptionFile.write("AES256_GCM_HKDF_64KB", "0123456789abcdef"));

    assertThat(EncryptionFile.read(GOLDEN.file("encryption.json")))
        .isEqualTo(new EncryptionFile(1, "AES256_GCM_HKDF_64KB", "0123456789abcdef"));
  }

  @Test
  void writeIndex_fixedEntries_isTheVersionOneGoldenAndReadsBackEqual() throws Exception {
    List<TreeEntry> entries =
        List.of(
            new TreeEntry(".", TreeEntry.Type.DIR, "0755", 0, null, null),
            new TreeEntry("a.txt", TreeEntry.Type.FILE, "0640", 3, "abc123", null),
            new TreeEntry("link", TreeEntry.Type.SYMLINK, "0777", 0, null, "a.txt"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TreeIndex.Writer writer = new TreeIndex.Writer(out)) {
      for (TreeEntry entry : entries) {
        writer.write(entry);
      }
    }

    GOLDEN.assertMatches("index.jsonl", out.toString(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(readIndex(GOLDEN.file("index.jsonl"))).isEqualTo(entries);
  }

  @Test
  void get_manifestWithUnknownFields_ignoresThem() throws Exception {
    BackupStore store = storeWith("plain", PLAIN_ID);
    Path manifest = backups.resolve(PLAIN_ID).resolve(SetLayout.MANIFEST);
    BackupSet before = store.get(PLAIN_ID);
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replaceFirst("\\{", "{\"formatVersion\": 1, \"addedLater\": {\"x\": [1, 2]},")
            .replace("\"bytes\" :", "\"compressedBytes\" : 7, \"bytes\" :"));

    assertThat(store.get(PLAIN_ID)).isEqualTo(before);
  }

  @Test
  void get_manifestWithoutAFieldEveryManifestHasOrWithAnUnknownKind_isRefusedAsUnreadable()
      throws Exception {
    BackupStore store = storeWith("plain", PLAIN_ID);
    Path manifest = backups.resolve(PLAIN_ID).resolve(SetLayout.MANIFEST);
    String original = Files.readString(manifest);
    for (String[] edit :
        new String[][] {
          {"\"purpose\" : \"UPGRADE\",", "", "purpose is missing"},
          {"\"createdAt\" : \"2026-12-05T20:00:10.720543238Z\",", "", "createdAt is missing"},
          {"\"FILES\"", "\"GRAPH\"", "kind 'GRAPH' is not one of [POSTGRES, FILES, COMMAND]"}
        }) {
      assertThat(original).contains(edit[0]);
      Files.writeString(manifest, original.replace(edit[0], edit[1]));

      assertThatThrownBy(() -> store.get(PLAIN_ID))
          .as(edit[2])
          .isInstanceOfSatisfying(
              dev.lockstep.core.api.LockstepException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_TAMPERED);
                assertThat(e.getMessage())
                    .startsWith("The manifest " + manifest + " cannot be read (" + edit[2] + ")");
              });
    }
  }

  @Test
  void getAndList_manifestFromANewerLockstep_areRefusedNamingTheFile() throws Exception {
    BackupStore store = storeWith("plain", PLAIN_ID);
    Path manifest = backups.resolve(PLAIN_ID).resolve(SetLayout.MANIFEST);
    Files.writeString(
        manifest, Files.readString(manifest).replaceFirst("\\{", "{\"formatVersion\": 2,"));

    for (Runnable read : List.<Runnable>of(() -> store.get(PLAIN_ID), store::list)) {
      assertThatThrownBy(read::run)
          .isInstanceOfSatisfying(
              BadInputException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(2);
                assertThat(e.errorCode()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
                assertThat(e.getMessage())
                    .startsWith(
                        manifest
                            + ": formatVersion: this backup manifest has format"
                            + " version 2, written by a newer Lockstep; this Lockstep reads versions"
                            + " 1 to 1.")
                    .contains("Fix: use a Lockstep that reads format version 2");
              });
    }
  }

  @Test
  void lastVerification_fromANewerLockstep_isRefusedNamingTheFile() throws Exception {
    BackupStore store = storeWith("plain", PLAIN_ID);
    Path file = backups.resolve(PLAIN_ID).resolve(SetLayout.VERIFICATION);
    Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"formatVersion\": 7,"));

    assertThatThrownBy(() -> store.lastVerification(PLAIN_ID))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(
            file + ": formatVersion: this backup verification has format" + " version 7");
  }

  @Test
  void verify_encryptionRecordFromANewerLockstep_isRefusedNamingTheFile() throws Exception {
    storeWith("encrypted", ENCRYPTED_ID);
    Path file = backups.resolve(ENCRYPTED_ID).resolve(SetLayout.ENCRYPTION);
    Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"formatVersion\": 2,"));
    BackupStore store = encryptedStore();

    assertThatThrownBy(() -> store.verify(ENCRYPTED_ID, List.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(
            file + ": formatVersion: this backup encryption record has" + " format version 2");
  }

  @Test
  void verify_encryptedWithAnUnknownAlgorithm_isRefusedNamingIt() throws Exception {
    storeWith("encrypted", ENCRYPTED_ID);
    Path file = backups.resolve(ENCRYPTED_ID).resolve(SetLayout.ENCRYPTION);
    Files.writeString(
        file, Files.readString(file).replace("AES256_GCM_HKDF_64KB", "XCHACHA20_POLY1305_1MB"));
    BackupStore store = encryptedStore();

    assertThatThrownBy(() -> store.verify(ENCRYPTED_ID, List.of()))
        .hasMessageContaining("encrypted with XCHACHA20_POLY1305_1MB")
        .hasMessageContaining("it knows AES256_GCM_HKDF_64KB")
        .satisfies(
            e -> assertThat(((dev.lockstep.core.api.LockstepException) e).exitCode()).isEqualTo(2));
  }

  /** A store on {@link #backups} holding a copy of one committed set. */
  private BackupStore storeWith(String kind, String id) throws IOException {
    copy(FORMATS.resolve("unversioned").resolve(kind).resolve(id), backups.resolve(id));
    return kind.equals("encrypted")
        ? encryptedStore()
        : new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.DIRECTORY),
            dev.lockstep.postgres.PgTools.find(),
            dev.lockstep.core.api.Progress.NONE);
  }

  private BackupStore encryptedStore() {
    return new BackupStore(
        backups,
        Fixtures.encrypted(DumpFormat.CUSTOM, Fixtures.KEY_HEX),
        dev.lockstep.postgres.PgTools.find(),
        dev.lockstep.core.api.Progress.NONE);
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static List<TreeEntry> readIndex(Path file) throws IOException {
    List<TreeEntry> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        TreeIndex.Reader reader = new TreeIndex.Reader(in)) {
      for (TreeEntry entry = reader.next(); entry != null; entry = reader.next()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** A set with a part of every kind, every field filled. */
  private static BackupSet fixedSet() {
    return new BackupSet(
        "20261201-100000-abcd",
        T0,
        "run-20261201-100000-0001",
        "1.1.0",
        BackupRequest.Purpose.UPGRADE,
        false,
        4150,
        List.of(
            new BackupPart(
                "main",
                StoreConfig.Kind.POSTGRES,
                "notes",
                BackupPart.DIRECTORY,
                "15.18",
                4096,
                List.of(
                    new BackupFile("postgres/main/3350.dat.gz", 96, "aa11"),
                    new BackupFile("postgres/main/toc.dat", 4000, "bb22")),
                Map.of(
                    "public.notes", new TableFacts(5, "h:-4364428370094883754"),
                    "public.tags", new TableFacts(0, "h:0"))),
            new BackupPart(
                "uploads",
                StoreConfig.Kind.FILES,
                "/srv/notes/uploads",
                BackupPart.TAR_GZ,
                null,
                50,
                List.of(
                    new BackupFile("files/uploads/tree.tar.gz", 40, "cc33"),
                    new BackupFile("files/uploads/index.jsonl", 10, "dd44")),
                Map.of()),
            new BackupPart(
                "graph",
                StoreConfig.Kind.COMMAND,
                "command/graph",
                BackupPart.COMMAND,
                null,
                4,
                List.of(new BackupFile("command/graph/graph.dump", 4, "ee55")),
                Map.of())));
  }
}
