package dev.lockstep.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeptDatabaseTest {
  private static final String RUN = "run-20261206-021234-ab12";

  @Test
  void nameFor_shortName_keepsItWholeAndNamesTheRun() {
    assertThat(KeptDatabase.nameFor("notes", RUN)).isEqualTo("notes_replaced_20261206021234ab12");
  }

  @Test
  void nameFor_longName_isCutToPostgresLimitOf63Bytes() {
    String name = KeptDatabase.nameFor("n".repeat(80), RUN);

    assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(63);
    assertThat(name).endsWith("_replaced_20261206021234ab12");
  }

  @Test
  void nameFor_multibyteName_isCutBetweenCharacters() {
    String name = KeptDatabase.nameFor("é".repeat(40), RUN);

    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(name).startsWith("é".repeat(17)).endsWith("_replaced_20261206021234ab12");
  }
}
