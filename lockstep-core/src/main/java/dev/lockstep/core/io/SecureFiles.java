package dev.lockstep.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files that may hold a database's contents or a password: readable by their owner only (folders
 * 0700, files 0600). On file systems without POSIX permissions the permissions are skipped.
 */
public final class SecureFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  public static Path createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Files.createDirectories(dir, dirAttributes());
    return dir;
  }

  public static Path createTempDirectory(String prefix) throws IOException {
    return Files.createTempDirectory(prefix, dirAttributes());
  }

  /** Creates {@code file} readable by its owner only, then writes {@code content} into it. */
  public static void writeString(Path file, String content) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file, fileAttributes());
    }
    restrict(file);
    Files.writeString(
        file,
        content,
        StandardCharsets.UTF_8,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE,
        // A manifest must be on disk before the backup folder is renamed into place.
        StandardOpenOption.DSYNC);
  }

  public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
    return Files.createTempFile(dir, prefix, suffix, fileAttributes());
  }

  /** Tightens what another program (pg_dump honours the umask) wrote: 0700 folders, 0600 files. */
  public static void restrictTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        restrict(path);
      }
    }
  }

  public static void restrict(Path path) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIR : FILE);
    }
  }

  /** Deletes {@code root} and everything under it; a missing folder is not an error. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // Someone else removed it first, which is the state we wanted.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }

  private static FileAttribute<?>[] fileAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] dirAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)}
        : new FileAttribute<?>[0];
  }
}
