package dev.lockstep.targets.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.HostConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.targets.testing.RealSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockstep's SSH client against a real OpenSSH server on a loopback port. */
class SshHostsTest {
  private static RealSshd sshd;
  private static SshHosts hosts;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sshd = RealSshd.start();
    hosts = new SshHosts();
  }

  @AfterAll
  static void stop() {
    hosts.close();
    sshd.close();
  }

  @Test
  void run_returnsTheExitCodeAndOutputOfTheCommandOnTheHost() {
    try (SshSession session = hosts.connect(sshd.host("web-1"))) {
      RemoteResult result = session.run("echo on-$(hostname); echo oops >&2; exit 3", timeout());

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.output()).contains("on-", "oops");
      assertThat(result.describeFailure()).contains("on web-1 exited 3");
    }
  }

  @Test
  void run_pastItsDeadline_isCutOff() {
    try (SshSession session = hosts.connect(sshd.host("web-1"))) {
      RemoteResult result = session.run("sleep 20", Duration.ofMillis(500));

      assertThat(result.exitCode()).isEqualTo(-1);
      assertThat(result.describeFailure()).contains("did not end in time");
    }
  }

  @Test
  void upload_copiesTheFileAndChecksItsSha256OnTheHost() throws Exception {
    Path artifact = Files.write(dir.resolve("api.jar"), new byte[300_000]);
    Path remote = sshd.dir().resolve("releases/1.1.0/api.jar");

    try (SshSession session = hosts.connect(sshd.host("web-1"))) {
      String sha256 = session.upload(artifact, remote.toString(), timeout());

      assertThat(sha256).isEqualTo(Sha256.of(artifact));
      assertThat(Sha256.of(remote)).isEqualTo(sha256);
      assertThat(remote.resolveSibling("api.jar.lockstep-partial")).doesNotExist();
    }
  }

  @Test
  void upload_aCopyWhoseSha256Differs_isRemovedAndNeverPutInPlace() throws Exception {
    Path artifact = Files.writeString(dir.resolve("api.jar"), "api 1.1.0");
    Path remote = sshd.dir().resolve("releases/1.1.0/api.jar");
    String other = "0".repeat(64);

    try (SshSession session = hosts.connect(sshd.host("web-1"))) {
      assertThatThrownBy(() -> session.upload(artifact, other, remote.toString(), timeout()))
          .isInstanceOfSatisfying(
              LockstepException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
          .hasMessageContaining("has sha256 " + Sha256.of(artifact) + ", not " + other)
          .hasMessageContaining("it was removed and not installed");
    }
    assertThat(remote).doesNotExist();
    assertThat(remote.resolveSibling("api.jar.lockstep-partial")).doesNotExist();
  }

  @Test
  void connect_unknownHostKey_isRefusedNamingTheHostAndTheFingerprint() throws Exception {
    HostConfig host = sshd.host("web-1");
    Path empty = Files.writeString(dir.resolve("known_hosts"), "");
    HostConfig unknown = withKnownHosts(host, empty);

    assertThatThrownBy(() -> hosts.connect(unknown))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.HOST_KEY_REJECTED);
              assertThat(e.exitCode()).isEqualTo(2);
            })
        .hasMessageContaining("web-1 (" + host.user() + "@127.0.0.1:" + sshd.port() + ")")
        .hasMessageContaining(sshd.fingerprint())
        .hasMessageContaining("the host is unknown. Nothing was sent to it.")
        .hasMessageContaining("ssh-keyscan -p " + sshd.port() + " 127.0.0.1 >> " + empty);
  }

  @Test
  void connect_changedHostKey_isRefusedSayingItChanged() throws Exception {
    Path other = dir.resolve("other_host_key");
    RealSshd.keygen(other);
    String[] otherKey = Files.readString(other.resolveSibling("other_host_key.pub")).split(" ");
    Path knownHosts =
        Files.writeString(
            dir.resolve("known_hosts"),
            "[127.0.0.1]:" + sshd.port() + " " + otherKey[0] + " " + otherKey[1] + "\n");

    assertThatThrownBy(() -> hosts.connect(withKnownHosts(sshd.host("web-1"), knownHosts)))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.HOST_KEY_REJECTED))
        .hasMessageContaining(sshd.fingerprint())
        .hasMessageContaining("the host key changed")
        .hasMessageContaining("ssh-keygen -R");
  }

  @Test
  void connect_keyTheHostDoesNotAuthorize_isUnreachableSayingWhereTheKeyBelongs() throws Exception {
    Path stranger = dir.resolve("stranger");
    RealSshd.keygen(stranger);
    HostConfig host = sshd.host("web-1");
    HostConfig withStranger =
        new HostConfig(
            host.name(), host.address(), host.port(), host.user(), stranger, host.knownHosts());

    assertThatThrownBy(() -> hosts.connect(withStranger))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.HOST_UNREACHABLE);
              assertThat(e.exitCode()).isEqualTo(1);
            })
        .hasMessageContaining("Cannot log in to web-1")
        .hasMessageContaining(stranger + " is in ~");
  }

  @Test
  void connect_nothingListening_isUnreachable() throws Exception {
    HostConfig host = sshd.host("web-2");
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    HostConfig down =
        new HostConfig(
            host.name(), host.address(), closed, host.user(), host.keyFile(), host.knownHosts());

    assertThatThrownBy(() -> hosts.connect(down))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.HOST_UNREACHABLE))
        .hasMessageContaining("sshd listens on port " + closed);
  }

  private static HostConfig withKnownHosts(HostConfig host, Path knownHosts) {
    return new HostConfig(
        host.name(), host.address(), host.port(), host.user(), host.keyFile(), knownHosts);
  }

  private static Duration timeout() {
    return Duration.ofSeconds(20);
  }
}
