package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Hashes the files a dump tool writes into a part's folder while it writes them, so that their
 * checksums are ready when it ends instead of starting then: hashing 1 GB of dump afterwards took
 * about a second more of wall time.
 *
 * <p>Only for a writer that appends, such as pg_dump's directory format: it writes each file once,
 * from front to back (toc.dat first, then each table's data as one compressed stream), so the bytes
 * already hashed never change. A file found shorter than what was hashed of it is hashed again from
 * its start; any failure to read makes {@link #finish} hash every file again from the disk, which
 * is what hashing after the dump would have done anyway.
 */
final class FollowedFiles implements AutoCloseable {
  /** Short enough that little is left to read when the dump ends; a pass costs a folder listing. */
  static final Duration EVERY = Duration.ofMillis(100);

  private static final int BUFFER = 1 << 16;

  private final Path setFolder;
  private final String folder;
  private final Map<String, Followed> files = new HashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile IOException failure;

  private FollowedFiles(Path setFolder, String folder, Duration every) {
    this.setFolder = setFolder;
    this.folder = folder;
    this.thread = new Thread(() -> follow(every), "lockstep-follow-" + folder.replace('/', '-'));
    thread.setDaemon(true);
  }

  /**
   * Starts following the files under {@code folder} (relative to {@code setFolder}, such as {@code
   * postgres/main}), every {@code every}.
   */
  static FollowedFiles start(Path setFolder, String folder, Duration every) {
    FollowedFiles followed = new FollowedFiles(setFolder, folder, every);
    followed.thread.start();
    return followed;
  }

  /**
   * Once the writer has ended: hashes what is left of every file and returns them all, sorted by
   * path, with their final size and sha256; made owner-only, as every stored file is.
   */
  List<BackupFile> finish(Progress bar) throws IOException {
    stop();
    if (failure != null) {
      closeAll();
    }
    List<String> paths = Checksums.filesUnder(setFolder, folder);
    long total = 0;
    for (String path : paths) {
      total += setFolder.resolve(path).toFile().length();
    }
    bar.total(total);
    List<BackupFile> result = new ArrayList<>();
    long done = 0;
    for (String path : paths) {
      Followed file = files.computeIfAbsent(path, p -> new Followed(setFolder.resolve(p)));
      catchUp(file);
      SecureFiles.restrict(file.path);
      result.add(new BackupFile(path, file.position, file.sha256()));
      done += file.position;
      bar.update(done);
    }
    return result;
  }

  private void follow(Duration every) {
    try {
      while (!stopped) {
        for (String path : Checksums.filesUnder(setFolder, folder)) {
          Followed file = files.computeIfAbsent(path, p -> new Followed(setFolder.resolve(p)));
          catchUp(file);
        }
        // Not sleep and interrupt: an interrupt during a read would close the file's channel.
        LockSupport.parkNanos(this, every.toNanos());
      }
    } catch (IOException e) {
      failure = e;
    } catch (UncheckedIOException e) {
      failure = e.getCause();
    }
  }

  /** Hashes what was written since the last look; from the start again if the file shrank. */
  private void catchUp(Followed file) throws IOException {
    if (file.channel == null) {
      file.channel = FileChannel.open(file.path, StandardOpenOption.READ);
    }
    if (file.channel.size() < file.position) {
      file.digest.reset();
      file.position = 0;
    }
    for (int n = file.channel.read(buffer.clear(), file.position);
        n > 0;
        n = file.channel.read(buffer.clear(), file.position)) {
      file.digest.update(buffer.flip());
      file.position += n;
    }
  }

  private void stop() {
    stopped = true;
    LockSupport.unpark(thread);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    closeAll();
  }

  private void closeAll() {
    for (Followed file : files.values()) {
      if (file.channel != null) {
        try {
          file.channel.close();
        } catch (IOException e) {
          // Read-only: nothing to lose.
        }
      }
    }
    files.clear();
  }

  /** One file, hashed up to {@code position}. */
  private static final class Followed {
    final Path path;
    final MessageDigest digest = newDigest();
    FileChannel channel;
    long position;

    Followed(Path path) {
      this.path = path;
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
