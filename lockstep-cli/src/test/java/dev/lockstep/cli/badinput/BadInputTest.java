package dev.lockstep.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite: hostile configs, manifests and arguments, one folder each under {@code
 * bad-input/} (over the small deployment in {@code bad-input/_base}). Each must be refused with its
 * exit code (2), a message naming the file, the field and the fix, no stack trace, and nothing
 * touched: no state folder, no file changed, the database as it was.
 */
@ExtendWith(PostgresExtension.class)
class BadInputTest {
  @TempDir Path dir;

  static Stream<BadInputCase> cases() throws Exception {
    try (Stream<Path> folders = Files.list(casesFolder())) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve(BadInputCase.SPEC)))
          .sorted()
          .map(BadInputCase::read)
          .toList()
          .stream();
    }
  }

  /** Each case breaks one thing of a deployment that is otherwise valid. */
  @Test
  void run_baseDeployment_isLoadedAndOnlyTheMissingDatabaseBlocks() throws Exception {
    Path folder = CaseFolder.create(casesFolder(), BadInputCase.base(), dir.resolve("case"), null);
    StringWriter out = new StringWriter();

    int exitCode =
        LockstepCli.run(
            new String[] {
              "plan", "--to", "1.0.0", "-c", folder.resolve("lockstep.yaml").toString()
            },
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));

    assertThat(exitCode).as(out.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("[ok]      artifact digests: 1 file artifacts match")
        .contains("[BLOCKED] state stores reachable");
    assertThat(folder.resolve("state")).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void run_badInput_isRefusedNamingFileFieldAndFix_andTouchesNothing(BadInputCase spec)
      throws Exception {
    DatabaseConfig database =
        spec.needsDatabase() ? PostgresExtension.freshDatabase(spec.name()) : null;
    Path folder = CaseFolder.create(casesFolder(), spec, dir.resolve("case"), database);
    if (spec.migrated() != null) {
      migrate(folder, spec.migrated());
    }
    Map<String, String> filesBefore = CaseFolder.snapshot(folder);
    String databaseBefore = database == null ? "" : databaseState(database);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args =
        spec.run().stream().map(a -> a.replace("@DIR@", folder.toString())).toArray(String[]::new);
    int exitCode =
        LockstepCli.run(args, new PrintWriter(out), new PrintWriter(err), environment(spec));

    String output = out + "\n" + err;
    assertThat(exitCode).as(output).isEqualTo(spec.exitCode());
    if (spec.file() != null) {
      assertThat(output).contains(folder.resolve(spec.file()).toString());
    }
    assertThat(output)
        .contains(spec.field())
        .containsIgnoringCase("fix")
        .contains(spec.fix())
        .doesNotContain("internal error", "Exception", "\tat ");
    spec.says().forEach(phrase -> assertThat(output).contains(phrase));
    assertThat(folder.resolve("state")).doesNotExist();
    assertThat(CaseFolder.snapshot(folder)).isEqualTo(filesBefore);
    if (database != null) {
      assertThat(databaseState(database)).isEqualTo(databaseBefore);
    }
  }

  private static Path casesFolder() throws URISyntaxException {
    return Path.of(BadInputTest.class.getResource("/bad-input").toURI());
  }

  /** The case's variables over the real environment, decoded as the JVM decodes the environment. */
  private static Variables environment(BadInputCase spec) {
    Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    Map<String, String> values =
        spec.environmentBytes().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> new String(HexFormat.of().parseHex(e.getValue()), charset)));
    return Variables.fromEnvironment().with(values);
  }

  /** Applies a release's migrations as an earlier upgrade would have. */
  private static void migrate(Path folder, String release) {
    DeploymentConfig config =
        new ConfigLoader(Variables.fromEnvironment()).load(folder.resolve("lockstep.yaml"));
    new MigrationRunner(config.database(), config.migrations())
        .migrate(new ReleaseCatalog(config.releases()).get(Version.parse(release)));
  }

  /** The databases on the server and the product's migration history. */
  private static String databaseState(DatabaseConfig db) throws SQLException {
    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement()) {
      StringBuilder state = new StringBuilder();
      try (ResultSet rows =
          statement.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
        while (rows.next()) {
          state.append(rows.getString(1)).append('\n');
        }
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT installed_rank, version, checksum, success FROM lockstep_schema_history"
                  + " ORDER BY installed_rank")) {
        while (rows.next()) {
          state.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ');
          state.append(rows.getString(3)).append(' ').append(rows.getString(4)).append('\n');
        }
      }
      return state.toString();
    }
  }
}
