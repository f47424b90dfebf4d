package dev.lockstep.backup;

import dev.lockstep.backup.crypto.Encryption;
import dev.lockstep.backup.io.CountingInputStream;
import dev.lockstep.backup.io.HashingOutputStream;
import dev.lockstep.backup.io.SyncedFileStream;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.io.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The files of one set's folder, as they are stored: encrypted when the set is, and always with the
 * size and sha256 of the stored bytes, so that a backup can be checked without its key. Plaintext
 * exists only inside the set's partial folder (a dump tool writes it there, and it is encrypted in
 * place) and in owner-only temporary folders while a backup is read.
 */
final class StoredFiles {
  private static final int BUFFER = 1 << 16;

  private final Path setFolder;
  private final Encryption encryption;

  /**
   * @param encryption null when the set is not encrypted
   */
  StoredFiles(Path setFolder, Encryption encryption) {
    this.setFolder = setFolder;
    this.encryption = encryption;
  }

  Path folder() {
    return setFolder;
  }

  boolean encrypted() {
    return encryption != null;
  }

  /** A new stored file at {@code path}; what is written is encrypted when the set is. */
  Sink create(String path) throws IOException {
    Path file = setFolder.resolve(path);
    SecureFiles.createDirectories(file.getParent());
    return new Sink(path, file, encryption);
  }

  /**
   * Takes a file a tool wrote in plaintext into the set: encrypts it in place when the set is
   * encrypted, and records its checksum.
   */
  BackupFile seal(String path, LongConsumer bytesRead) throws IOException {
    Path file = setFolder.resolve(path);
    SecureFiles.restrict(file);
    if (encryption == null) {
      return new BackupFile(path, Files.size(file), Sha256.of(file, bytesRead));
    }
    Path sealing = file.resolveSibling(file.getFileName() + ".sealing");
    Sink sink = new Sink(path, sealing, encryption);
    try (InputStream in = Files.newInputStream(file);
        sink) {
      copy(in, sink, bytesRead);
    }
    Files.move(sealing, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return sink.file();
  }

  /**
   * Seals every file under the set's folder {@code folder}, sorted by path, {@code threads} files
   * at a time.
   */
  List<BackupFile> sealAll(String folder, Progress bar, int threads) throws IOException {
    List<String> paths = Checksums.filesUnder(setFolder, folder);
    long total = 0;
    for (String path : paths) {
      total += Files.size(setFolder.resolve(path));
    }
    bar.total(total);
    List<BackupFile> files = ParallelFiles.map(paths, threads, bar, this::seal);
    bar.update(total);
    return files;
  }

  /** Reads a stored file back as it was written: decrypted when the set is encrypted. */
  InputStream open(BackupFile file) throws IOException {
    return open(file, read -> {});
  }

  /** As {@link #open(BackupFile)}, telling {@code storedBytesRead} how far it got. */
  InputStream open(BackupFile file, LongConsumer storedBytesRead) throws IOException {
    InputStream stored =
        new CountingInputStream(
            Files.newInputStream(setFolder.resolve(file.path())), storedBytesRead);
    return encryption == null ? stored : encryption.decrypt(stored, file.path());
  }

  /**
   * The files of part folder {@code folder} as plaintext on disk, for tools that read files
   * (pg_restore, a load command): the folder itself when the set is not encrypted, otherwise a
   * decrypted copy in {@code scratch}, with progress as {@code "decrypt <store>"}.
   */
  Path readable(BackupPart part, Path scratch, Progress.Factory progress) throws IOException {
    if (encryption == null) {
      return setFolder.resolve(part.folder());
    }
    SecureFiles.createDirectories(scratch);
    long total = part.files().stream().mapToLong(BackupFile::size).sum();
    try (Progress bar = progress.start("decrypt " + part.store(), total, Progress.Unit.BYTES)) {
      long done = 0;
      for (BackupFile file : part.files()) {
        Path target = scratch.resolve(file.path().substring(part.folder().length() + 1));
        SecureFiles.createDirectories(target.getParent());
        long before = done;
        try (InputStream in = open(file, read -> bar.update(before + read));
            OutputStream out = Files.newOutputStream(target)) {
          SecureFiles.restrict(target);
          copy(in, out, read -> {});
        }
        done += file.size();
      }
    }
    return scratch;
  }

  private static void copy(InputStream in, OutputStream out, LongConsumer progress)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      total += n;
      progress.accept(total);
    }
  }

  /** A stored file being written; {@link #file()} tells its size and sha256 once closed. */
  static final class Sink extends OutputStream {
    private final String path;
    private final HashingOutputStream stored;
    private final OutputStream top;
    private BackupFile file;

    private Sink(String path, Path target, Encryption encryption) throws IOException {
      this.path = path;
      SyncedFileStream out = new SyncedFileStream(target);
      SecureFiles.restrict(target);
      this.stored = new HashingOutputStream(new BufferedOutputStream(out, BUFFER));
      this.top = encryption == null ? stored : encryption.encrypt(stored, path);
    }

    @Override
    public void write(int b) throws IOException {
      top.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      top.write(bytes, offset, length);
    }

    /** Finishes the file (the last encrypted segment) and forces it to disk. */
    @Override
    public void close() throws IOException {
      if (file == null) {
        top.close();
        file = new BackupFile(path, stored.count(), stored.sha256());
      }
    }

    BackupFile file() {
      if (file == null) {
        throw new IllegalStateException(path + " is still being written");
      }
      return file;
    }
  }
}
