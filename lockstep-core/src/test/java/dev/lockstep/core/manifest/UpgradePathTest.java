package dev.lockstep.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Required stops and minimumFrom, as GitLab's and Sentry's upgrade paths have them. */
class UpgradePathTest {
  @TempDir Path releases;

  @Test
  void between_noStopInBetween_isDirect() throws IOException {
    release("1.0.0", "");
    release("1.1.0", "");
    release("1.2.0", "");

    UpgradePath path = path("1.0.0", "1.2.0");

    assertThat(path.direct()).isTrue();
    assertThat(path.hops()).containsExactly(v("1.2.0"));
  }

  @Test
  void between_requiredStopsOnTheWay_areInstalledInOrder() throws IOException {
    release("1.0.0", "");
    release("1.2.0", "requiredStop: true\n");
    release("1.3.0", "");
    release("1.5.0", "requiredStop: true\n");
    release("2.0.0", "");

    UpgradePath path = path("1.0.0", "2.0.0");

    assertThat(path.hops()).containsExactly(v("1.2.0"), v("1.5.0"), v("2.0.0"));
    assertThat(path.stops()).containsExactly(v("1.2.0"), v("1.5.0"));
    assertThat(path("1.2.0", "1.3.0").hops()).containsExactly(v("1.3.0"));
  }

  @Test
  void between_minimumFromNewerThanTheStart_goesThroughIt() throws IOException {
    release("1.0.0", "");
    release("1.4.0", "");
    release("2.0.0", "minimumFrom: 1.4.0\n");

    assertThat(path("1.0.0", "2.0.0").hops()).containsExactly(v("1.4.0"), v("2.0.0"));
    assertThat(path("1.4.0", "2.0.0").direct()).isTrue();
  }

  @Test
  void between_minimumFromMissingFromTheCatalog_isRefusedNamingIt() throws IOException {
    release("1.0.0", "");
    release("2.0.0", "minimumFrom: 1.4.0\n");

    assertThatThrownBy(() -> path("1.0.0", "2.0.0"))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RELEASE_UNKNOWN))
        .hasMessageContaining("2.0.0 can only be reached from 1.4.0 or later")
        .hasMessageContaining("add release 1.4.0");
  }

  @Test
  void load_minimumFromNotOlderThanTheRelease_isRefused() throws IOException {
    release("2.0.0", "minimumFrom: 2.0.0\n");

    assertThatThrownBy(() -> new ReleaseCatalog(releases).get(v("2.0.0")))
        .hasMessageContaining("minimumFrom")
        .hasMessageContaining("is not older than this release");
  }

  private UpgradePath path(String from, String to) {
    return UpgradePath.between(new ReleaseCatalog(releases), v(from), v(to));
  }

  private static Version v(String text) {
    return Version.parse(text);
  }

  private void release(String version, String extra) throws IOException {
    Path folder = Files.createDirectories(releases.resolve(version));
    Files.writeString(
        folder.resolve("release.yaml"),
        "product: notes\nversion: "
            + version
            + "\ncomponents:\n  api:\n    image: acme/api:"
            + version
            + "\n"
            + extra);
  }
}
