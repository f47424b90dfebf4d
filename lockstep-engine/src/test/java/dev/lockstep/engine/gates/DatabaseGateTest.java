package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseGateTest {
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
  void check_databaseAnswers_passesWithServerAndSize() {
    fixture.database = new DatabaseProbe(null, "15.4", 3 * 1024 * 1024, List.of());

    GateResult result = fixture.check(new DatabaseGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                "state stores reachable", "PostgreSQL 15.4; 1 store(s) to back up, 3.0 MB"));
  }

  @Test
  void check_databaseUnreachable_blocksWithWhyAndTheFix() {
    fixture.database = DatabaseProbe.unreachable("Could not connect to app@localhost:5432/app.");

    GateResult result = fixture.check(new DatabaseGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                "state stores reachable",
                "Could not connect to app@localhost:5432/app.",
                "start the database or fix the database section of the config."));
  }
}
