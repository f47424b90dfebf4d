package dev.lockstep.targets.ssh;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.HostConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.process.ShellQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** One logged-in connection to a host: runs commands there and copies files to it. */
public final class SshSession implements AutoCloseable {
  private static final int OUTPUT_LIMIT = 64 * 1024;

  /** The exit status of an upload whose copy has another sha256 (EX_DATAERR). */
  private static final int DIGEST_DIFFERS = 65;

  private final HostConfig host;
  private final ClientSession session;

  SshSession(HostConfig host, ClientSession session) {
    this.host = host;
    this.session = session;
  }

  public HostConfig host() {
    return host;
  }

  /** Runs {@code command} with the login user's shell; cut off after {@code deadline}. */
  public RemoteResult run(String command, Duration deadline) {
    return run(command, null, deadline);
  }

  /**
   * Copies {@code local} to {@code remotePath} on the host and checks the copy's sha256 there
   * before putting it in place (written beside it, then renamed): a copy that differs is removed
   * and never installed. One command on the host does all of it: one round trip.
   *
   * @return the sha256 both sides agree on
   */
  public String upload(Path local, String remotePath, Duration deadline) {
    return upload(local, Sha256.of(local), remotePath, deadline);
  }

  /** As {@link #upload(Path, String, Duration)}, with the sha256 the copy must have. */
  String upload(Path local, String expected, String remotePath, Duration deadline) {
    String target = ShellQuote.ifNeeded(remotePath);
    String partial = ShellQuote.ifNeeded(remotePath + ".lockstep-partial");
    RemoteResult copied;
    try (InputStream in = Files.newInputStream(local)) {
      copied =
          run(
              "mkdir -p \"$(dirname "
                  + target
                  + ")\" && cat > "
                  + partial
                  + " && actual=$(sha256sum "
                  + partial
                  + ") && actual=${actual%% *} && echo \"$actual\" && if [ \"$actual\" = "
                  + expected
                  + " ]; then mv -f "
                  + partial
                  + " "
                  + target
                  + "; else rm -f "
                  + partial
                  + "; exit "
                  + DIGEST_DIFFERS
                  + "; fi",
              in,
              deadline);
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.TARGET_FAILED, "Cannot read " + local + ": " + e.getMessage(), e);
    }
    String actual = copied.output().strip().split("\\s+")[0];
    if (copied.exitCode() == DIGEST_DIFFERS) {
      throw new LockstepException(
          ErrorCode.DIGEST_MISMATCH,
          "The copy of "
              + local
              + " on "
              + host.describe()
              + " has sha256 "
              + actual
              + ", not "
              + expected
              + "; it was removed and not installed. Check the host's disk and the network.");
    }
    if (!copied.succeeded()) {
      throw new LockstepException(
          ErrorCode.TARGET_FAILED,
          "Copying " + local + " to " + host.name() + " failed: " + copied.describeFailure());
    }
    return expected;
  }

  private RemoteResult run(String command, InputStream stdin, Duration deadline) {
    Instant started = Instant.now();
    TailBuffer output = new TailBuffer(OUTPUT_LIMIT);
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(output);
      channel.setErr(output);
      // No input is an immediate end of input: a command that reads it must not wait for more.
      channel.setIn(stdin != null ? stdin : InputStream.nullInputStream());
      channel.open().verify(SshHosts.CONNECT_TIMEOUT);
      Set<ClientChannelEvent> events =
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), deadline);
      Integer status = channel.getExitStatus();
      boolean timedOut = events.contains(ClientChannelEvent.TIMEOUT) || status == null;
      return new RemoteResult(
          host.name(),
          command,
          timedOut ? -1 : status,
          output.text(),
          Duration.between(started, Instant.now()));
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.HOST_UNREACHABLE,
          "Lost "
              + host.describe()
              + " while running `"
              + command
              + "`: "
              + e.getMessage()
              + ". Check the host and the network, then `lockstep resume`.",
          e);
    }
  }

  /** Keeps the last {@code limit} bytes written to it, from both of a command's streams. */
  private static final class TailBuffer extends OutputStream {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    TailBuffer(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      trim();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      trim();
    }

    private void trim() {
      if (bytes.size() > 2 * limit) {
        byte[] all = bytes.toByteArray();
        bytes.reset();
        bytes.write(all, all.length - limit, limit);
      }
    }

    synchronized String text() {
      byte[] all = bytes.toByteArray();
      int from = Math.max(0, all.length - limit);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (IOException e) {
      // The connection is gone either way.
    }
  }
}
