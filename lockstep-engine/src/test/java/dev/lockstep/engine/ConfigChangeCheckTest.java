package dev.lockstep.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.ConfigShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangeCheckTest {
  private final List<String> notices = new ArrayList<>();
  private final ConfigChangeCheck check =
      new ConfigChangeCheck(
          new RunListener() {
            @Override
            public void notice(String message) {
              notices.add(message);
            }
          });

  private static final ConfigShape STARTED =
      new ConfigShape(
          Map.of(
              "database.name", "notes",
              "backup.snapshot", "true",
              "services.names", "api,worker",
              "services.api.run", "[java, -jar, {artifact}]"));

  @Test
  void check_sameConfig_passesBothWays() {
    assertThatCode(() -> check.check("run-1", STARTED, STARTED, true)).doesNotThrowAnyException();
    assertThat(notices).isEmpty();
  }

  @Test
  void check_snapshotTurnedOff_refusesToGoForwardNamingTheField() {
    ConfigShape now = with("backup.snapshot", "false");

    assertThatThrownBy(() -> check.check("run-1", STARTED, now, true))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("backup.snapshot: true → false")
        .hasMessageContaining("lockstep resume --rollback")
        .extracting(e -> ((LockstepException) e).errorCode())
        .isEqualTo(ErrorCode.CONFIG_CHANGED);
  }

  @Test
  void check_snapshotTurnedOff_letsTheRollbackGoOnAndSaysWhatChanged() {
    check.check("run-1", STARTED, with("backup.snapshot", "false"), false);

    assertThat(notices).singleElement().asString().contains("backup.snapshot: true → false");
  }

  @Test
  void check_anotherDatabase_isRefusedEvenForARollback() {
    ConfigShape now = with("database.name", "notes2");

    assertThatThrownBy(() -> check.check("run-1", STARTED, now, false))
        .hasMessageContaining("in what the run acts on: database.name: notes → notes2");
  }

  @Test
  void check_aServiceRemoved_isRefusedEvenForARollback() {
    ConfigShape now = with("services.names", "api");

    assertThatThrownBy(() -> check.check("run-1", STARTED, now, false))
        .hasMessageContaining("services.names: api,worker → api");
  }

  @Test
  void isIdentity_separatesWhatARunActsOnFromHowItWorks() {
    assertThat(ConfigShape.isIdentity("database.port")).isTrue();
    assertThat(ConfigShape.isIdentity("stores[1].path")).isTrue();
    assertThat(ConfigShape.isIdentity("services.api.nodes")).isTrue();
    assertThat(ConfigShape.isIdentity("database.user")).isFalse();
    assertThat(ConfigShape.isIdentity("stores[1].dump")).isFalse();
    assertThat(ConfigShape.isIdentity("services.api.run")).isFalse();
    assertThat(ConfigShape.isIdentity("backup.snapshot")).isFalse();
  }

  private static ConfigShape with(String field, String value) {
    Map<String, String> fields = new HashMap<>(STARTED.fields());
    fields.put(field, value);
    return new ConfigShape(fields);
  }
}
