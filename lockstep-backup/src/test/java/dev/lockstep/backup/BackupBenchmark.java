package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.secrets.PgPassFile;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: times a backup set against a bare pg_dump of the same database, and a verification
 * against a bare pg_restore. Run with {@code -Dtest=BackupBenchmark -Dlockstep.bench=true
 * [-Dlockstep.bench.rows=1000000]}.
 */
@ExtendWith(PostgresExtension.class)
@EnabledIfSystemProperty(named = "lockstep.bench", matches = "true")
class BackupBenchmark {
  @TempDir Path work;

  @Test
  void backupAndVerify_comparedWithBarePgDumpAndPgRestore(DatabaseConfig db) throws Exception {
    int rows = Integer.getInteger("lockstep.bench.rows", 1_000_000);
    Sql.execute(
        db,
        "CREATE TABLE items (id bigserial PRIMARY KEY, account int, amount numeric(12,2),"
            + " created timestamptz, title text, body text, score float8)",
        "INSERT INTO items (account, amount, created, title, body, score) SELECT"
            + " (random()*100000)::int, (random()*10000)::numeric(12,2),"
            + " now() - random() * interval '900 days', md5(random()::text),"
            + " md5(random()::text) || md5(random()::text) || md5(random()::text)"
            + " || md5(random()::text), random() FROM generate_series(1, "
            + rows
            + ")",
        "CREATE INDEX ON items (account)",
        "VACUUM ANALYZE items");
    long tableBytes = Sql.queryLong(db, "SELECT pg_table_size('items')");
    System.out.printf("table: %d rows, %.0f MB%n", rows, tableBytes / 1e6);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));

    for (int round = 0; round < 3; round++) {
      resetPeaks();
      double bare = barePgDump(db, work.resolve("bare-" + round));
      double hashOnly = hashOnly(db);
      BackupStore plain = store(work.resolve("plain-" + round), null);
      long start = System.nanoTime();
      BackupSet set = plain.create(stores, Fixtures.request());
      double lockstep = seconds(start);
      start = System.nanoTime();
      boolean verified = plain.verify(set.id(), stores).verified();
      double verify = seconds(start);
      double bareRestore = barePgRestore(db, work.resolve("bare-" + round));
      BackupStore encrypted = store(work.resolve("enc-" + round), Fixtures.KEY_HEX);
      start = System.nanoTime();
      encrypted.create(stores, Fixtures.request());
      double lockstepEncrypted = seconds(start);
      System.out.printf(
          "round %d: bare pg_dump -Fd -j2 %.2fs | hashing alone %.2fs | lockstep backup %.2fs"
              + " (%.2fx) | encrypted %.2fs (%.2fx) | bare pg_restore -j2 %.2fs | lockstep verify"
              + " %.2fs (%.2fx, verified %s) | peak heap %.0f MB, peak RSS %s%n",
          round,
          bare,
          hashOnly,
          lockstep,
          lockstep / bare,
          lockstepEncrypted,
          lockstepEncrypted / bare,
          bareRestore,
          verify,
          verify / bareRestore,
          verified,
          peakHeap() / 1e6,
          peakRss());
    }
  }

  private BackupStore store(Path dir, String key) {
    BackupConfig settings =
        new BackupConfig(
            null,
            DumpFormat.DIRECTORY,
            2,
            null,
            key == null ? null : dev.lockstep.core.api.Secret.of(key),
            false,
            null);
    return new BackupStore(dir, settings, PgTools.find(), BackupBenchmark::timed);
  }

  /** Prints how long each phase took, to see where the time goes. */
  private static Progress timed(String task, long total, Progress.Unit unit) {
    long start = System.nanoTime();
    return new Progress() {
      @Override
      public void update(long done) {}

      @Override
      public void total(long total) {}

      @Override
      public void close() {
        System.out.printf("    %-24s %.2fs%n", task, seconds(start));
      }
    };
  }

  private static double hashOnly(DatabaseConfig db) throws Exception {
    long start = System.nanoTime();
    dev.lockstep.postgres.dump.TableFingerprints.of(
        db, Progress.NONE.start("hash", 0, Progress.Unit.BYTES));
    return seconds(start);
  }

  private static double barePgDump(DatabaseConfig db, Path target) throws Exception {
    return run(
        db,
        List.of(
            PgTools.find().pgDump().toString(),
            "--host=" + db.host(),
            "--port=" + db.port(),
            "--username=" + db.user(),
            "--dbname=" + db.name(),
            "--format=directory",
            "--jobs=2",
            "--file=" + target));
  }

  private static double barePgRestore(DatabaseConfig db, Path dump) throws Exception {
    String copy = db.name() + "_bare";
    PostgresExtension.server().dropDatabase(copy);
    PostgresExtension.server().createDatabase(copy);
    try {
      return run(
          db,
          List.of(
              PgTools.find().pgRestore().toString(),
              "--host=" + db.host(),
              "--port=" + db.port(),
              "--username=" + db.user(),
              "--dbname=" + copy,
              "--jobs=2",
              "--no-owner",
              dump.toString()));
    } finally {
      PostgresExtension.server().dropDatabase(copy);
      SecureFiles.deleteTree(dump);
    }
  }

  private static double run(DatabaseConfig db, List<String> argv) throws Exception {
    try (PgPassFile pass = SecretFiles.standalone().pgPass(db)) {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv)).inheritIO();
      builder.environment().putAll(pass.environment());
      long start = System.nanoTime();
      int exit = builder.start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(argv.get(0) + " exited with " + exit);
      }
      return seconds(start);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed())
        .sum();
  }

  private static String peakRss() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("VmHWM"))
        .findFirst()
        .map(line -> line.substring(6).strip())
        .orElse("?");
  }
}
