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
import java.time.Duration;

/**
 * An exclusive lock on a deployment's state folder, held by the one Lockstep process that may
 * change the deployment. The operating system releases it when that process dies, even by kill -9,
 * so a crash never leaves a stale lock behind.
 */
public final class StateLock implements AutoCloseable {
  private static final String FILE = "lockstep.lock";
  private static final String PID_PREFIX = "pid ";
  private static final Duration HOLDER_PID_WAIT = Duration.ofSeconds(1);

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
        channel.close();
        throw new LockstepException(
            ErrorCode.RUN_IN_PROGRESS,
            "Another Lockstep process ("
                + holderOf(file)
                + ") is working on this deployment (state folder "
                + stateDir
                + "). Wait for it to finish; `lockstep status` shows what it is doing.");
      }
      channel.truncate(0);
      channel.write(StandardCharsets.UTF_8.encode(PID_PREFIX + ProcessHandle.current().pid()), 0);
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

  /**
   * The pid the holder wrote into the lock file. The holder writes it just after it takes the lock,
   * so a pid that names no live process (the previous holder's, or none yet) is read again for a
   * moment rather than reported.
   */
  private static String holderOf(Path file) throws IOException {
    long deadline = System.nanoTime() + HOLDER_PID_WAIT.toNanos();
    while (true) {
      String written = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (namesALiveProcess(written)) {
        return written;
      }
      if (System.nanoTime() > deadline) {
        return "pid not written yet";
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "pid not written yet";
      }
    }
  }

  private static boolean namesALiveProcess(String written) {
    if (!written.startsWith(PID_PREFIX)) {
      return false;
    }
    try {
      long pid = Long.parseLong(written.substring(PID_PREFIX.length()).strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
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
      channel.truncate(0); // the next refused process must not name this one
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock dies with the channel anyway; nothing the user can act on.
    }
  }
}
