package dev.lockstep.backup;

import dev.lockstep.backup.io.Folders;
import dev.lockstep.backup.tree.TreeArchiver;
import dev.lockstep.backup.tree.TreeDiff;
import dev.lockstep.backup.tree.TreeExtractor;
import dev.lockstep.backup.tree.TreeIndex;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A file tree: one tar archive of the folder ({@code files/<store>/tree.tar[.gz]}) and its index
 * ({@code files/<store>/index.jsonl}: path, type, mode, size and sha256 of every entry), both
 * stored files like any other (checksummed, encrypted when the set is). The index is a file of its
 * own rather than part of the manifest: a tree may hold millions of files, and their names are data
 * that encryption must cover.
 *
 * <p>Verified by extracting into a scratch folder and comparing it with the index; restored
 * exactly, like {@code rsync -a --delete}: extracted beside the live folder, checked, then swapped
 * in by renames.
 */
final class FilesPart implements PartHandler {
  static final String ARCHIVE = "tree.tar";
  static final String INDEX = "index.jsonl";

  /**
   * Without a configured level, the fastest: trees are often already-compressed media, where a
   * higher level costs much time for nothing.
   */
  private static final int DEFAULT_LEVEL = Deflater.BEST_SPEED;

  @Override
  public BackupPart create(StoreConfig store, SetWork work) throws IOException {
    Path root = store.path();
    if (!Files.isDirectory(root)) {
      throw new LockstepException(
          ErrorCode.BACKUP_FAILED,
          "the folder "
              + root
              + " of store '"
              + store.name()
              + "' does not exist or is not a folder. Fix its path in stores, or create it.");
    }
    Integer level = work.settings().compression();
    boolean gzip = level == null || level != 0;
    String folder = BackupPart.folderOf(StoreConfig.Kind.FILES, store.name());
    List<BackupFile> files;
    try (StoredFiles.Sink archive =
            work.files().create(folder + "/" + ARCHIVE + (gzip ? ".gz" : ""));
        StoredFiles.Sink index = work.files().create(folder + "/" + INDEX);
        Progress bar =
            work.progress()
                .start("archive " + store.name(), Folders.size(root), Progress.Unit.BYTES);
        OutputStream tar = gzip ? gzip(archive, level) : archive;
        TreeIndex.Writer entries = new TreeIndex.Writer(index)) {
      new TreeArchiver(bar::update).archive(root, tar, entries);
      // Closing the compressor and the index writer finishes both stored files.
      tar.close();
      entries.close();
      files = List.of(archive.file(), index.file());
    }
    return new BackupPart(
        store.name(),
        StoreConfig.Kind.FILES,
        root.toAbsolutePath().toString(),
        gzip ? BackupPart.TAR_GZ : BackupPart.TAR,
        null,
        files.stream().mapToLong(BackupFile::size).sum(),
        files,
        null);
  }

  @Override
  public PartVerification verify(BackupPart part, StoreConfig store, SetWork work, int ordinal)
      throws IOException {
    Path scratch = work.temporaryFolder("verify-" + part.store());
    List<String> differences;
    try {
      Path tree = scratch.resolve("tree");
      SecureFiles.createDirectories(tree);
      extract(part, work, tree, "test extract " + part.store());
      differences = compare(part, work, tree, "check " + part.store());
    } catch (Throwable e) {
      SetWork.delete(scratch, e);
      throw e;
    }
    SetWork.delete(scratch, null);
    return new PartVerification(part.store(), differences.isEmpty(), List.of(), differences);
  }

  @Override
  public Prepared prepareRestore(BackupPart part, StoreConfig store, SetWork work)
      throws IOException {
    FolderSwap swap = new FolderSwap(store.path(), work.id());
    Path staging = swap.prepareStaging();
    try {
      extract(part, work, staging, "extract " + part.store());
      List<String> differences = compare(part, work, staging, "check " + part.store());
      if (!differences.isEmpty()) {
        throw new LockstepException(
            ErrorCode.RESTORE_FAILED,
            "The copy of store '"
                + part.store()
                + "' extracted into "
                + staging
                + " differs from the backup's index, so "
                + swap.live()
                + " was not touched:\n  - "
                + String.join("\n  - ", differences));
      }
    } catch (Throwable e) {
      SetWork.delete(staging, e);
      throw e;
    }
    return new Prepared() {
      @Override
      public void apply() throws IOException {
        swap.swap();
      }

      @Override
      public void close() {
        SetWork.delete(staging, null);
      }
    };
  }

  private static void extract(BackupPart part, SetWork work, Path into, String task)
      throws IOException {
    BackupFile archive =
        file(part, part.format().equals(BackupPart.TAR_GZ) ? ARCHIVE + ".gz" : ARCHIVE);
    try (Progress bar = work.progress().start(task, archive.size(), Progress.Unit.BYTES);
        InputStream stored = work.files().open(archive, bar::update);
        InputStream tar =
            part.format().equals(BackupPart.TAR_GZ)
                ? new GzipCompressorInputStream(stored)
                : stored) {
      new TreeExtractor(into).extract(tar);
    }
  }

  private static List<String> compare(BackupPart part, SetWork work, Path tree, String task)
      throws IOException {
    try (Progress bar = work.progress().start(task, Folders.size(tree), Progress.Unit.BYTES);
        TreeIndex.Reader index = new TreeIndex.Reader(work.files().open(file(part, INDEX)))) {
      return new TreeDiff(bar::update).compare(tree, index);
    }
  }

  private static OutputStream gzip(OutputStream out, Integer level) throws IOException {
    GzipParameters parameters = new GzipParameters();
    parameters.setCompressionLevel(level == null ? DEFAULT_LEVEL : level);
    return new GzipCompressorOutputStream(out, parameters);
  }

  private static BackupFile file(BackupPart part, String name) {
    String path = part.folder() + "/" + name;
    return part.files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.BACKUP_TAMPERED,
                    "The manifest lists no "
                        + path
                        + " for store '"
                        + part.store()
                        + "', so this part cannot be read. Use another backup."));
  }
}
