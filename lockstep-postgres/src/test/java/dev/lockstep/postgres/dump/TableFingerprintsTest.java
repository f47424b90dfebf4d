package dev.lockstep.postgres.dump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TableFingerprintsTest {
  private static final Progress NONE = Progress.NONE.start("t", 0, Progress.Unit.BYTES);

  @Test
  void of_sameRowsInAnotherOrder_giveTheSameHash(DatabaseConfig first, DatabaseConfig second)
      throws Exception {
    String create =
        "CREATE TABLE t (id int, r text, at timestamptz, amount numeric, data bytea, f float8)";
    Sql.execute(
        first,
        create,
        "INSERT INTO t SELECT g, 'row ' || g, '2026-01-01'::timestamptz + g * interval '1 hour',"
            + " g / 3.0, decode(md5(g::text), 'hex'), g / 7.0 FROM generate_series(1, 500) g");
    Sql.execute(
        second,
        create,
        "INSERT INTO t SELECT g, 'row ' || g, '2026-01-01'::timestamptz + g * interval '1 hour',"
            + " g / 3.0, decode(md5(g::text), 'hex'), g / 7.0 FROM generate_series(500, 1, -1) g");

    Map<String, TableFingerprint> a = TableFingerprints.of(first, NONE);
    Map<String, TableFingerprint> b = TableFingerprints.of(second, NONE);

    assertThat(a).containsOnlyKeys("public.t");
    assertThat(a.get("public.t").contentHash()).startsWith("h:");
    assertThat(a.get("public.t").rows()).isEqualTo(500);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void of_typeWithoutAHashFunction_fallsBackToTheMd5OfTheText(
      DatabaseConfig first, DatabaseConfig second) throws Exception {
    String create = "CREATE TABLE shapes (id int, p point, r int)";
    Sql.execute(
        first,
        create,
        "INSERT INTO shapes SELECT g, point(g, -g), g FROM generate_series(1, 50) g");
    Sql.execute(
        second,
        create,
        "INSERT INTO shapes SELECT g, point(g, -g), g FROM generate_series(50, 1, -1) g");

    TableFingerprint a = TableFingerprints.of(first, NONE).get("public.shapes");

    assertThat(a.contentHash()).startsWith("m:");
    assertThat(a).isEqualTo(TableFingerprints.of(second, NONE).get("public.shapes"));
  }

  @Test
  void of_oneValueChanged_changesTheHashButNotTheCount(DatabaseConfig db) throws Exception {
    Sql.execute(
        db,
        "CREATE TABLE t (id int, body text)",
        "INSERT INTO t SELECT g, 'x' FROM generate_series(1, 100) g");
    TableFingerprint before = TableFingerprints.of(db, NONE).get("public.t");

    Sql.execute(db, "UPDATE t SET body = 'y' WHERE id = 42");
    TableFingerprint after = TableFingerprints.of(db, NONE).get("public.t");

    assertThat(after.rows()).isEqualTo(before.rows());
    assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
  }

  @Test
  void compute_severalConnectionsOnPageRanges_addUpToTheWholeTable(DatabaseConfig db)
      throws Exception {
    Sql.execute(
        db,
        "CREATE TABLE big (id int, body text)",
        "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 20000) g",
        "DELETE FROM big WHERE id % 7 = 0",
        "CREATE TABLE small (id int)",
        "INSERT INTO small VALUES (1)");

    Map<String, TableFingerprint> whole = TableFingerprints.of(db, NONE);
    Map<String, TableFingerprint> sliced =
        new TableFingerprints(db, 3, 5 * 8192).compute(null, NONE);

    assertThat(whole.get("public.big").rows()).isEqualTo(20000 - 20000 / 7);
    assertThat(sliced).isEqualTo(whole);
  }

  @Test
  void of_emptyTablesViewsAndOddNames_areHandled(DatabaseConfig db) throws Exception {
    Sql.execute(
        db,
        "CREATE SCHEMA \"Billing\"",
        "CREATE TABLE \"Billing\".\"Invoice Lines\" (id int)",
        "CREATE TABLE parent (id int, r int)",
        "CREATE TABLE child () INHERITS (parent)",
        "INSERT INTO parent VALUES (1, 1)",
        "INSERT INTO child VALUES (2, 2), (3, 3)",
        "CREATE VIEW v AS SELECT * FROM parent");

    Map<String, TableFingerprint> fingerprints = TableFingerprints.of(db, NONE);

    assertThat(fingerprints)
        .containsOnlyKeys("Billing.Invoice Lines", "public.child", "public.parent");
    assertThat(fingerprints.get("Billing.Invoice Lines")).isEqualTo(new TableFingerprint(0, "h:0"));
    // ONLY: a parent's count leaves out its children's rows, which they count themselves.
    assertThat(fingerprints.get("public.parent").rows()).isEqualTo(1);
    assertThat(fingerprints.get("public.child").rows()).isEqualTo(2);
  }
}
