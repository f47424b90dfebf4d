package dev.lockstep.targets.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerStatesTest {
  private static final String API =
      "{\"Service\":\"api\",\"Name\":\"notes-api-1\",\"State\":\"running\",\"ExitCode\":0,"
          + "\"Image\":\"localhost/notes/api:1.1.0\",\"ImageId\":\"sha256:0c36\"}";
  private static final String WORKER =
      "{\"Service\":\"worker\",\"Name\":\"notes-worker-1\",\"State\":\"exited\",\"ExitCode\":3,"
          + "\"Image\":\"localhost/notes/api:1.1.0\",\"ImageId\":\"\"}";

  @Test
  void parse_oneObjectPerLine_asCompose2Dot21AndLaterPrint() {
    List<ContainerState> states = ContainerStates.parse(List.of(API, "", WORKER));

    assertThat(states)
        .containsExactly(
            new ContainerState(
                "api", "notes-api-1", "running", 0, "localhost/notes/api:1.1.0", "sha256:0c36"),
            new ContainerState(
                "worker", "notes-worker-1", "exited", 3, "localhost/notes/api:1.1.0", ""));
    assertThat(states.get(0).running()).isTrue();
    assertThat(states.get(1).ended()).isTrue();
  }

  @Test
  void parse_dockerPsLines_readTheExitCodeFromTheStatus() {
    String exited =
        "{\"Service\":\"worker\",\"Name\":\"notes-worker-1\",\"State\":\"exited\","
            + "\"Status\":\"Exited (3) 2 seconds ago\",\"Image\":\"localhost/notes/api:1.1.0\","
            + "\"ImageId\":\"sha256:0c36\"}";
    String up =
        "{\"Service\":\"api\",\"Name\":\"notes-api-1\",\"State\":\"running\","
            + "\"Status\":\"Up 2 seconds\",\"Image\":\"localhost/notes/api:1.1.0\","
            + "\"ImageId\":\"sha256:0c36\"}";

    assertThat(ContainerStates.parse(List.of(exited, up)))
        .extracting(ContainerState::state, ContainerState::exitCode)
        .containsExactly(tuple("exited", 3), tuple("running", 0));
  }

  @Test
  void parse_oneArray_asOlderComposePrints() {
    assertThat(ContainerStates.parse(List.of("[" + API + "," + WORKER + "]")))
        .extracting(ContainerState::service)
        .containsExactly("api", "worker");
  }

  @Test
  void parse_nothing_isNoContainer() {
    assertThat(ContainerStates.parse(List.of())).isEmpty();
  }

  @Test
  void parse_notJson_namesTheLine() {
    assertThatThrownBy(() -> ContainerStates.parse(List.of("NAME  IMAGE  STATUS")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON: NAME  IMAGE  STATUS");
  }
}
