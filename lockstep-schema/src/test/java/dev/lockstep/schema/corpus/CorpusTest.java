package dev.lockstep.schema.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.lint.LintReport;
import dev.lockstep.schema.lint.MigrationLinter;
import dev.lockstep.schema.lint.SqlLinter;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every migration of {@code src/test/resources/corpus}, each on a fresh database: the schema before
 * it, a snapshot, the static lint (which knows that snapshot), the migration (run by the observing
 * lint), a snapshot, the diff. Each fixture's class, reasons and lint rules are checked, and the
 * last test reports and checks the accuracy over the whole corpus. A fixture marked {@code
 * knownMiss} must still be missed (and counts as a miss): when Lockstep gets it right, the mark has
 * to go.
 */
@ExtendWith(PostgresExtension.class)
class CorpusTest {
  // Floors, not goals: every miss is a fixture marked knownMiss, with the reason it is missed.
  private static final long CLASS_TARGET_PERCENT = 97;
  private static final long LINT_TARGET_PERCENT = 95;
  // Fixtures run side by side, each on its own database: most of a fixture's time is the server
  // creating and dropping that database, which the others need not wait for.
  private static final int WORKERS = 4;

  private final List<Outcome> outcomes = new ArrayList<>();

  @TestFactory
  Stream<DynamicNode> corpus() {
    List<Fixture> fixtures = Fixture.all();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    List<Future<Outcome>> running = new ArrayList<>();
    try {
      fixtures.forEach(f -> running.add(workers.submit(() -> run(f))));
    } finally {
      workers.shutdown(); // the submitted fixtures still run
    }
    Stream<DynamicNode> each =
        IntStream.range(0, fixtures.size())
            .mapToObj(
                i ->
                    DynamicTest.dynamicTest(
                        fixtures.get(i).name(), () -> check(fixtures.get(i), running.get(i))));
    DynamicNode summary = DynamicTest.dynamicTest("accuracy", () -> summary(fixtures.size()));
    return Stream.concat(each, Stream.of(summary));
  }

  private void check(Fixture fixture, Future<Outcome> running)
      throws InterruptedException, ExecutionException {
    Outcome outcome = running.get();
    outcomes.add(outcome);
    String known = fixture.expected().knownMiss();
    if (known == null) {
      assertThat(outcome.correct()).as(fixture.name() + "\n" + outcome.differences()).isTrue();
    } else {
      assertThat(outcome.correct())
          .as(
              fixture.name()
                  + " is marked as a known miss ("
                  + known
                  + ") but is now right: remove the mark")
          .isFalse();
    }
  }

  private static Outcome run(Fixture fixture) throws SQLException {
    DatabaseConfig db = PostgresExtension.freshDatabase(fixture.name());
    try (Connection connection = new Database(db).connect()) {
      if (!fixture.beforeSql().isBlank()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(fixture.beforeSql());
        }
      }
      SchemaSnapshot before = SchemaReader.read(connection);
      LintReport staticLint = new SqlLinter().lint(fixture.migrationSql(), before);
      LintReport observedLint =
          new MigrationLinter().lint(connection, fixture.migrationSql(), before);
      SchemaSnapshot after = SchemaReader.read(connection);
      return new Outcome(fixture, SchemaDiffer.diff(before, after), staticLint, observedLint);
    } finally {
      PostgresExtension.server().dropDatabase(db.name());
    }
  }

  /** Everything Lockstep said about every fixture, for a reader to check the verdicts' words. */
  private void writeReport() throws IOException {
    StringBuilder report = new StringBuilder();
    outcomes.forEach(o -> report.append(o.differences()).append("\n\n"));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "corpus-report.txt"), report);
  }

  private void summary(int fixtures) throws IOException {
    long classRight = outcomes.stream().filter(Outcome::classCorrect).count();
    long reasonsRight = outcomes.stream().filter(o -> o.missingReasons().isEmpty()).count();
    long lintExact = outcomes.stream().filter(Outcome::lintExact).count();
    long knownMisses =
        outcomes.stream().filter(o -> o.fixture().expected().knownMiss() != null).count();
    writeReport();
    System.out.printf(
        "Corpus of %d migrations: class: %d/%d correct; reasons: %d/%d; lint: %d/%d exact;"
            + " known misses: %d%n",
        fixtures, classRight, fixtures, reasonsRight, fixtures, lintExact, fixtures, knownMisses);
    assertThat(outcomes).hasSize(fixtures);
    assertThat(fixtures).isGreaterThanOrEqualTo(60);
    assertThat(classRight * 100)
        .as("class accuracy, percent")
        .isGreaterThanOrEqualTo(CLASS_TARGET_PERCENT * fixtures);
    assertThat(lintExact * 100)
        .as("lint accuracy, percent")
        .isGreaterThanOrEqualTo(LINT_TARGET_PERCENT * fixtures);
  }
}
