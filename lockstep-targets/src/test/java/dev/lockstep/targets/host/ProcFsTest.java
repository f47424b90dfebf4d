package dev.lockstep.targets.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProcFsTest {

  @Test
  void environmentVariableAndCommandLine_ofAChild_areRead() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
    ProcessBuilder builder = new ProcessBuilder("sleep", "30");
    builder.environment().put("LOCKSTEP_PROCFS_TEST", "a/b@c/d");
    Process child = builder.start();
    try {
      assertThat(ProcFs.environmentVariable(child.pid(), "LOCKSTEP_PROCFS_TEST"))
          .contains("a/b@c/d");
      assertThat(ProcFs.environmentVariable(child.pid(), "LOCKSTEP_NOT_SET")).isEmpty();
      assertThat(ProcFs.commandLine(child.pid())).contains("sleep 30");
      assertThat(ProcFs.pids()).contains(child.pid());
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void socketOwners_findTheHolderWhetherOrNotItIsAmongTheLikelyOnes() throws Exception {
    Assumptions.assumeTrue(ListeningSockets.available(), "no /proc/net/tcp here");
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long inode = ListeningSockets.onPort(socket.getLocalPort()).get(0).inode();
      long self = ProcessHandle.current().pid();

      assertThat(ProcFs.socketOwners(Set.of(inode), Set.of(self))).containsEntry(inode, self);
      assertThat(ProcFs.socketOwners(Set.of(inode), Set.of())).containsEntry(inode, self);
      Process stranger = new ProcessBuilder("sleep", "30").start();
      try {
        assertThat(ProcFs.socketOwners(Set.of(inode), Set.of(stranger.pid())))
            .containsEntry(inode, self);
      } finally {
        stranger.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void ofAProcessThatIsGone_nothingIsKnown() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();

    assertThat(ProcFs.commandLine(gone.pid())).isEmpty();
    assertThat(ProcFs.environmentVariable(gone.pid(), "PATH")).isEmpty();
  }
}
