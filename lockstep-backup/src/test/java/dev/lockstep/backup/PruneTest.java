package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.backup.BackupRequest.Purpose;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneTest {
  @TempDir Path backups;
  @TempDir Path data;

  private final StepClock clock = new StepClock();
  private BackupStore store;
  private List<StoreConfig> stores;

  @BeforeEach
  void setUp() throws Exception {
    store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE, clock);
    stores = List.of(Fixtures.graph("graph", data, true));
  }

  @Test
  void prune_keepsTheLastNAndEveryUpgradeBackupOfTheLastRuns() {
    String a = take("run-a", Purpose.UPGRADE);
    String onDemand = take(null, Purpose.ON_DEMAND);
    String b1 = take("run-b", Purpose.UPGRADE);
    String b2 = take("run-b", Purpose.UPGRADE);
    String safety = take("run-b", Purpose.SAFETY);
    String c = take("run-c", Purpose.UPGRADE);
    String latest = take(null, Purpose.ON_DEMAND);
    long freed = Stream.of(safety, onDemand, a).mapToLong(id -> store.get(id).totalBytes()).sum();

    PruneResult result = store.prune(new BackupConfig.Retention(2, 2), Set.of(), false);

    assertThat(result.kept()).containsExactly(latest, c, b2, b1);
    assertThat(result.deleted()).containsExactly(safety, onDemand, a);
    assertThat(result.bytesFreed()).isEqualTo(freed).isPositive();
    assertThat(store.list()).extracting(BackupSummary::id).containsExactly(latest, c, b2, b1);
    assertThat(backups.toFile().list()).containsExactlyInAnyOrder(latest, c, b2, b1);
  }

  @Test
  void prune_neverDeletesAProtectedBackup() {
    String unfinishedRun = take("run-a", Purpose.UPGRADE);
    String onDemand = take(null, Purpose.ON_DEMAND);
    String latest = take(null, Purpose.ON_DEMAND);

    PruneResult result =
        store.prune(new BackupConfig.Retention(1, 0), Set.of(unfinishedRun), false);

    assertThat(result.deleted()).containsExactly(onDemand);
    assertThat(store.list()).extracting(BackupSummary::id).containsExactly(latest, unfinishedRun);
  }

  @Test
  void prune_dryRun_deletesNothing() {
    String first = take(null, Purpose.ON_DEMAND);
    String second = take(null, Purpose.ON_DEMAND);

    PruneResult result = store.prune(new BackupConfig.Retention(1, 0), Set.of(), true);

    assertThat(result.deleted()).containsExactly(first);
    assertThat(result.kept()).containsExactly(second);
    assertThat(result.bytesFreed()).isEqualTo(store.get(first).totalBytes()).isPositive();
    assertThat(store.list()).hasSize(2);
  }

  private String take(String runId, Purpose purpose) {
    clock.step();
    return store.create(stores, new BackupRequest(runId, "1.0.0", purpose)).id();
  }

  /** A clock a test moves forward a minute at a time, so that ids and ages differ. */
  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

    void step() {
      now = now.plus(Duration.ofMinutes(1));
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
