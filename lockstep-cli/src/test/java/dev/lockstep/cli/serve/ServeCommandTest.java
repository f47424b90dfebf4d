package dev.lockstep.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepCli;
import dev.lockstep.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code lockstep serve} refuses before it listens: each an exit 2, nothing served. */
class ServeCommandTest {
  @TempDir Path dir;
  private ServedState state;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    state.close();
  }

  @Test
  void serve_aNonLoopbackAddress_exits2_unlessAllowedExplicitly() throws Exception {
    state = new ServedState(dir);

    int exitCode = run("serve", "--bind", "0.0.0.0", "--port", "0");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .contains("--bind 0.0.0.0 is not a loopback address")
        .contains("--allow-remote");
    assertThat(out.toString()).doesNotContain("Serving");
  }

  @Test
  void serve_aTokenFileTooShort_exits2() throws Exception {
    state = new ServedState(dir);
    Path token = Files.writeString(dir.resolve("token"), "short\n");

    int exitCode = run("serve", "--port", "0", "--allow-actions", "--token-file", token.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("holds a token of 5 characters; at least 16");
  }

  private int run(String... args) {
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "-c";
    withConfig[args.length + 1] = state.configFile.toString();
    return LockstepCli.run(
        withConfig, new PrintWriter(out), new PrintWriter(err), state.environment, Terminal.none());
  }
}
