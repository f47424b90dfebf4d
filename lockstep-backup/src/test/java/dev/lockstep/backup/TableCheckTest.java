package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.postgres.dump.TableFingerprint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableCheckTest {

  @Test
  void differences_nameEveryTableThatDiffersAndHow() {
    Map<String, TableFacts> expected =
        Map.of(
            "public.same", new TableFacts(3, "h:30"),
            "public.rows", new TableFacts(3, "h:30"),
            "public.content", new TableFacts(3, "h:30"),
            "public.method", new TableFacts(3, "h:30"),
            "public.gone", new TableFacts(1, "h:1"));
    Map<String, TableFingerprint> restored =
        Map.of(
            "public.same", new TableFingerprint(3, "h:30"),
            "public.rows", new TableFingerprint(2, "h:20"),
            "public.content", new TableFingerprint(3, "h:31"),
            "public.method", new TableFingerprint(3, "m:30"),
            "public.new", new TableFingerprint(4, "h:4"));

    List<TableComparison> tables = TableCheck.compare(expected, restored);

    assertThat(tables).extracting(TableComparison::table).isSorted().hasSize(6);
    assertThat(TableCheck.differences(tables, expected, restored))
        .containsExactly(
            "table public.content has the same 3 rows but different content after the restore"
                + " (content hash h:31; the manifest recorded h:30)",
            "table public.gone is missing after the restore (the manifest recorded 1 rows)",
            "table public.method was hashed another way after the restore (method m, the"
                + " manifest's h: this server hashes its column types differently), so its content"
                + " cannot be compared",
            "table public.new exists after the restore but is not in the manifest (4 rows)",
            "table public.rows has 2 rows after the restore; the manifest recorded 3");
  }

  @Test
  void differences_restoreWithoutHashes_comparesRowsOnly() {
    Map<String, TableFacts> expected = Map.of("public.t", new TableFacts(3, "h:30"));
    Map<String, TableFingerprint> counted = Map.of("public.t", new TableFingerprint(3, null));

    assertThat(TableCheck.differences(TableCheck.compare(expected, counted), expected, counted))
        .isEmpty();
  }
}
