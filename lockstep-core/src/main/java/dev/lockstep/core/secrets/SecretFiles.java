package dev.lockstep.core.secrets;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the files that hold a secret for a moment (a child's pgpass file) are written: {@code
 * <stateDir>/tmp} (0700), never the shared temporary folder where nobody would clean them up.
 *
 * <p>Each Lockstep process writes into a folder of its own, named after its pid and start time, and
 * deletes it when it exits. A Lockstep killed with {@code kill -9} cannot; the next one to start on
 * the same state folder {@linkplain #sweep() deletes} the folders of processes that are gone, and
 * never the folder of one that still runs (a {@code lockstep status} beside a running upgrade).
 */
public final class SecretFiles {
  private static final String PREFIX = "lockstep-secrets-";
  private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)");

  /** Start times read by two JVMs may differ by rounding; a pid reused this fast does not exist. */
  private static final long START_TOLERANCE_SECONDS = 2;

  /** This process's folders, each deleted once when the JVM exits. */
  private static final Map<Path, Boolean> CLEANED_AT_EXIT = new ConcurrentHashMap<>();

  private final Path root;
  private final boolean ownsRoot;

  private SecretFiles(Path root, boolean ownsRoot) {
    this.root = root.toAbsolutePath().normalize();
    this.ownsRoot = ownsRoot;
  }

  /** {@code <stateDir>/tmp}. */
  public static SecretFiles forStateDir(Path stateDir) {
    return new SecretFiles(stateDir.resolve("tmp"), true);
  }

  /**
   * For work without a state folder (a throwaway server, tests): a folder of this process's own in
   * the system's temporary folder, deleted when the JVM exits and swept like any other.
   */
  public static SecretFiles standalone() {
    return new SecretFiles(Path.of(System.getProperty("java.io.tmpdir")), false);
  }

  /** The folder holding every process's folder. */
  public Path root() {
    return root;
  }

  /** A password file for {@code db}'s server and user; close it as soon as the child is done. */
  public PgPassFile pgPass(DatabaseConfig db) {
    return pgPass(db.host(), db.port(), db.user(), db.password());
  }

  public PgPassFile pgPass(String host, int port, String user, Secret password) {
    return PgPassFile.create(host, port, user, password, processFolder());
  }

  /** This process's own folder, created (0700) when first needed. */
  public Path processFolder() {
    Path folder = root.resolve(PREFIX + ProcessHandle.current().pid() + "-" + startSecond());
    try {
      if (ownsRoot && !Files.isDirectory(root)) {
        SecureFiles.createDirectories(root);
        SecureFiles.restrict(root);
      }
      if (CLEANED_AT_EXIT.putIfAbsent(folder, Boolean.TRUE) == null) {
        // The first use in this JVM: what dead processes left is removed before anything is added.
        sweep();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> cleanUp(folder), "lockstep-secret-files-cleanup"));
      }
      SecureFiles.createDirectories(folder);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the folder for temporary password files "
              + folder
              + ": "
              + e.getMessage()
              + ". Fix: make "
              + root
              + " writable by the user that runs Lockstep.",
          e);
    }
  }

  /**
   * Deletes what Lockstep processes that are gone left behind; returns how many folders it deleted.
   * A folder that cannot be deleted (another user's, in the shared temporary folder) is skipped.
   */
  public int sweep() {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path entry : entries) {
        Matcher name = OWNED.matcher(entry.getFileName().toString());
        if (name.matches()
            && !alive(Long.parseLong(name.group(1)), Long.parseLong(name.group(2)))
            && deleteQuietly(entry)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      // Leftovers are removed at the next start; they must not stop this one.
    }
    return deleted;
  }

  private static boolean alive(long pid, long startSecond) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return false;
    }
    Optional<Instant> start = process.get().info().startInstant();
    return start.isEmpty()
        || startSecond == 0
        || Math.abs(start.get().getEpochSecond() - startSecond) <= START_TOLERANCE_SECONDS;
  }

  /** Deletes this process's folder, and the state folder's tmp too when nothing else is in it. */
  private void cleanUp(Path folder) {
    deleteQuietly(folder);
    if (ownsRoot) {
      try {
        Files.deleteIfExists(root);
      } catch (IOException e) {
        // Another Lockstep's folder is in it, or it cannot go: either way it may stay.
      }
    }
  }

  private static long startSecond() {
    return ProcessHandle.current().info().startInstant().map(Instant::getEpochSecond).orElse(0L);
  }

  private static boolean deleteQuietly(Path folder) {
    try {
      SecureFiles.deleteTree(folder);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
