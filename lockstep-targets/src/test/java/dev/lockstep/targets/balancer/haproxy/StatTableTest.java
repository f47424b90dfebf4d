package dev.lockstep.targets.balancer.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code show stat}'s CSV, read by column names whatever their order and quoting. */
class StatTableTest {
  @Test
  void parse_readsColumnsByTheHeadersNames_notTheirPositions() {
    String csv =
        """
        # svname,pxname,status,scur,check_desc,qcur
        web1,app,UP,2,"Layer7 check passed: ""OK"", 200",1
        BACKEND,app,UP,2,,1

        """;

    StatTable table = StatTable.parse(csv).orElseThrow();

    Map<String, String> web1 = table.server("app", "web1").orElseThrow();
    assertThat(web1)
        .containsEntry("scur", "2")
        .containsEntry("qcur", "1")
        .containsEntry("status", "UP")
        .containsEntry("check_desc", "Layer7 check passed: \"OK\", 200");
    assertThat(table.hasProxy("app")).isTrue();
    assertThat(table.hasProxy("web")).isFalse();
    assertThat(table.server("app", "web2")).isEmpty();
  }

  @Test
  void parse_answerWithoutAHeader_isNotAStatTable() {
    assertThat(StatTable.parse("Unknown command. Please enter one of the following commands"))
        .isEmpty();
    assertThat(StatTable.parse("")).isEmpty();
  }
}
