package dev.lockstep.targets.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceMarkerTest {

  @Test
  void parse_valueItWrote_givesTheSameMarker_evenWithSlashesInTheNode() {
    ServiceMarker marker = ServiceMarker.of("0123456789abcdef", "api", "rack/1", "feedc0de");

    assertThat(marker.value()).isEqualTo("0123456789abcdef/api@rack/1/feedc0de");
    assertThat(ServiceMarker.parse(marker.value())).contains(marker);
  }

  @Test
  void parse_somethingElse_isEmpty() {
    assertThat(ServiceMarker.parse("")).isEmpty();
    assertThat(ServiceMarker.parse("no-slashes")).isEmpty();
    assertThat(ServiceMarker.parse("key/unit/")).isEmpty();
    assertThat(ServiceMarker.parse("/unit/token")).isEmpty();
  }

  @Test
  void deploymentKey_sameFolderSameKey_otherFolderOtherKey() {
    Path folder = Path.of("/srv/app/.lockstep/services");

    assertThat(ServiceMarker.deploymentKey(folder))
        .isEqualTo(ServiceMarker.deploymentKey(Path.of("/srv/app/.lockstep/x/../services")))
        .isNotEqualTo(ServiceMarker.deploymentKey(Path.of("/srv/app/.lockstep/rehearsal/services")))
        .hasSize(16);
  }

  @Test
  void newToken_differsEveryTime() {
    assertThat(ServiceMarker.newToken()).isNotEqualTo(ServiceMarker.newToken()).hasSize(16);
  }
}
