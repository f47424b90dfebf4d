package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free space is the real free space of a real folder; the estimate (the stores' size from the
 * probe) decides which side of it the backup falls.
 */
class DiskSpaceGateTest {
  private static final String NAME = "disk space for the backup";
  private static final String SIZE = "[0-9.]+ (B|KB|MB|GB|TB)";

  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_roomForTheBackup_passesWithNeededAndFree() {
    fixture.database = new DatabaseProbe(null, "15.4", 900, List.of());

    GateResult result = fixture.check(new DiskSpaceGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    // 900 bytes and the 10% margin.
    assertThat(result.message()).matches("needs about 990 B, " + SIZE + " free");
  }

  @Test
  void check_storesLargerThanTheFreeSpace_blocksNamingTheFolder() {
    // An exbibyte: more than any disk this test runs on.
    fixture.database = new DatabaseProbe(null, "15.4", 1L << 60, List.of());

    GateResult result = fixture.check(new DiskSpaceGate());

    // The backup folder does not exist yet: the space is that of the folder it will be made in.
    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .matches(
            "the backup needs about 1153433\\.6 TB but "
                + java.util.regex.Pattern.quote(dir.toAbsolutePath().toString())
                + " has "
                + SIZE
                + " free\\.");
    assertThat(result.fix()).isEqualTo("free some space, or point backup.dir at a larger disk.");
  }

  @Test
  void check_databaseUnreachable_blocksWithoutAnEstimate() {
    fixture.database = DatabaseProbe.unreachable("connection refused");

    GateResult result = fixture.check(new DiskSpaceGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(NAME, "cannot estimate: the database is not reachable.", null));
  }
}
