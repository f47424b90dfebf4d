package dev.lockstep.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several releases observed in one invocation: one server, and each release starting from the
 * schema the release before it left, running only the migrations it adds. The times are printed,
 * not asserted: they depend on the machine.
 */
@ExtendWith(PostgresExtension.class)
class ReleaseLinterServerTest {
  @TempDir Path releases;

  @Test
  void observe_theSampleProductsThreeReleases_startsOneServerAndRunsEachMigrationOnce() {
    ReleaseCatalog catalog = new ReleaseCatalog(Path.of("../examples/notes/releases"));
    List<ReleaseManifest> all = catalog.versions().stream().map(catalog::get).toList();
    TestServers servers = new TestServers();

    ReleaseLintResult result =
        new ReleaseLinter(servers).observe(all, LintTimezone.assumed(), null);

    assertThat(servers.started()).isEqualTo(1);
    assertThat(result.serverStartMillis()).isPositive();
    assertThat(result.releases())
        .extracting(
            ReleaseLintReport::version,
            r -> r.observation().startedFrom(),
            r -> r.observation().reused(),
            r -> r.observation().ran())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1.0.0", ReleaseObservation.EMPTY, 0, 1),
            org.assertj.core.groups.Tuple.tuple("1.1.0", "1.0.0", 1, 1),
            org.assertj.core.groups.Tuple.tuple("2.0.0", "1.1.0", 2, 1));
    assertThat(result.releases().get(2).migrations().get(0).observedWith()).isEqualTo("1.0.0");
    assertThat(result.releases().get(2).migrations().get(1).observedWith()).isEqualTo("1.1.0");
    assertThat(result.releases().get(2).migrations().get(2).observedWith()).isNull();
    assertThat(result.verdict()).isEqualTo(LintVerdict.HOLDS);
    print("sample product", result);
  }

  @Test
  void observe_releasesWithManyMigrations_runOnlyWhatEachAdds() {
    List<ReleaseManifest> manifests = new ArrayList<>();
    int[] counts = {40, 50, 60};
    for (int r = 0; r < counts.length; r++) {
      List<TestReleases.Migration> migrations = new ArrayList<>();
      for (int i = 1; i <= counts[r]; i++) {
        migrations.add(
            TestReleases.migration(
                "V" + i + "__table_" + i + ".sql",
                "expand",
                String.format(
                    Locale.ROOT,
                    "CREATE TABLE t%1$d (id bigint PRIMARY KEY, name text NOT NULL);%n"
                        + "CREATE INDEX t%1$d_name ON t%1$d (name);%n"
                        + "INSERT INTO t%1$d SELECT g, 'n' || g FROM generate_series(1, 1000) g;%n"
                        + "ALTER TABLE t%1$d ADD COLUMN note text;",
                    i)));
      }
      manifests.add(TestReleases.write(releases, "1." + r + ".0", migrations));
    }

    ReleaseLintResult result =
        new ReleaseLinter(TestServers::refuse)
            .observe(manifests, LintTimezone.assumed(), null, PostgresExtension.server());

    assertThat(result.releases())
        .extracting(r -> r.observation().reused(), r -> r.observation().ran())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 40),
            org.assertj.core.groups.Tuple.tuple(40, 10),
            org.assertj.core.groups.Tuple.tuple(50, 10));
    assertThat(result.verdict()).isEqualTo(LintVerdict.HOLDS);
    print("40/50/60 migrations", result);
  }

  private static void print(String what, ReleaseLintResult result) {
    StringBuilder times = new StringBuilder("release lint --observe, " + what + ": server start ");
    times.append(result.serverStartMillis()).append(" ms");
    for (ReleaseLintReport release : result.releases()) {
      times
          .append("; ")
          .append(release.version())
          .append(' ')
          .append(release.observation().tookMillis())
          .append(" ms (")
          .append(release.observation().ran())
          .append(" run)");
    }
    System.out.println(times);
  }
}
