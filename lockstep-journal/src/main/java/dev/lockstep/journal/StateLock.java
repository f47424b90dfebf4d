package dev.lockstep.journal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a deployment's state folder, held by the one Lockstep process that may
 * change the deployment. The operating system releases it when that process dies, even by kill -9,
 * so a crash never leaves a stale lock behind.
 */
public final class StateLock implements AutoCloseable {
  private static final String FILE = "lockstep.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static StateLock acquire(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    try {
      Files.createDirectories(stateDir);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new LockstepException(
            ErrorCode.RUN_IN_PROGRESS,
            "Another Lockstep process ("
                + (holder.isEmpty() ? "unknown pid" : holder)
                + ") is working on this deployment (state folder "
                + stateDir
                + "). Wait for it to finish; `lockstep status` shows what it is doing.");
      }
      channel.truncate(0);
      channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid()), 0);
      return new StateLock(channel, lock);
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "Cannot lock the state folder "
              + stateDir
              + ": "
              + e.getMessage()
              + ". Check that it is writable by the user running Lockstep.",
          e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null; // held by this very process, e.g. a second command in the same JVM
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock dies with the channel anyway; nothing the user can act on.
    }
  }
}
