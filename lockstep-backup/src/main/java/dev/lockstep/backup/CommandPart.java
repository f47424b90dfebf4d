package dev.lockstep.backup;

import dev.lockstep.backup.io.Folders;
import dev.lockstep.backup.shell.ShellCommand;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A store with its own dump and load commands (a graph database, a Redis RDB file): the dump
 * command writes into {@code command/<store>/} ({@code {dir}}), and every file it leaves there is
 * checksummed and encrypted like any other. Verified by running {@code scratchLoad} on the files
 * into a scratch folder; without that command Lockstep cannot prove the dump restores, and the part
 * is not called verified.
 */
final class CommandPart implements PartHandler {
  static final String NO_SCRATCH_LOAD =
      "no scratchLoad command: Lockstep cannot prove this dump restores";

  private static final Duration POLL = Duration.ofMillis(500);

  private final Duration deadline;
  private final long previousBytes;

  /**
   * @param previousBytes the size of this store's last dump, the only estimate there is for the
   *     progress of the next one (0 when unknown)
   */
  CommandPart(Duration deadline, long previousBytes) {
    this.deadline = deadline;
    this.previousBytes = previousBytes;
  }

  @Override
  public BackupPart create(StoreConfig store, SetWork work) throws IOException {
    String folder = BackupPart.folderOf(StoreConfig.Kind.COMMAND, store.name());
    Path dir = work.files().folder().resolve(folder);
    SecureFiles.createDirectories(dir);
    ProcessResult result = run(store.dump(), Map.of("dir", dir), "dump " + store.name(), dir, work);
    if (!result.succeeded()) {
      throw CommandFailure.failed(ErrorCode.BACKUP_FAILED, "dump", store, result, work);
    }
    List<BackupFile> files;
    try (Progress bar =
        work.progress()
            .start(
                (work.files().encrypted() ? "encrypt " : "checksum ") + store.name(),
                0,
                Progress.Unit.BYTES)) {
      files = work.files().sealAll(folder, bar, 1);
    }
    if (files.isEmpty()) {
      throw new LockstepException(
          ErrorCode.BACKUP_FAILED,
          "the dump command of store '"
              + store.name()
              + "' exited with 0 but wrote nothing into {dir}. Fix: make it write its dump into"
              + " the folder {dir} stands for.");
    }
    return new BackupPart(
        store.name(),
        StoreConfig.Kind.COMMAND,
        folder,
        BackupPart.COMMAND,
        null,
        files.stream().mapToLong(BackupFile::size).sum(),
        files,
        null);
  }

  @Override
  public PartVerification verify(BackupPart part, StoreConfig store, SetWork work, int ordinal)
      throws IOException {
    if (store == null || store.kind() != StoreConfig.Kind.COMMAND) {
      return new PartVerification(
          part.store(),
          false,
          List.of(),
          List.of("the configuration has no command store '" + part.store() + "' to load it"));
    }
    if (store.scratchLoad() == null || store.scratchLoad().isBlank()) {
      return new PartVerification(part.store(), false, List.of(), List.of(NO_SCRATCH_LOAD));
    }
    Path temporary = work.temporaryFolder("verify-" + part.store());
    PartVerification result;
    try {
      Path dir = readable(part, work, temporary.resolve("dump"));
      Path scratch = SecureFiles.createDirectories(temporary.resolve("scratch"));
      ProcessResult loaded =
          run(
              store.scratchLoad(),
              Map.of("dir", dir, "scratch", scratch),
              "scratch load " + part.store(),
              scratch,
              work);
      result =
          loaded.succeeded()
              ? new PartVerification(part.store(), true, List.of(), List.of())
              : new PartVerification(
                  part.store(),
                  false,
                  List.of(),
                  List.of("the scratchLoad command " + CommandFailure.describe(loaded, work)));
    } catch (Throwable e) {
      SetWork.delete(temporary, e);
      throw e;
    }
    SetWork.delete(temporary, null);
    return result;
  }

  @Override
  public Prepared prepareRestore(BackupPart part, StoreConfig store, SetWork work)
      throws IOException {
    if (store.load() == null || store.load().isBlank()) {
      throw new LockstepException(
          ErrorCode.RESTORE_REFUSED,
          "Store '"
              + store.name()
              + "' has no load command, so Lockstep cannot restore it. Fix: set its load command"
              + " in stores, using {dir} for the folder of the dump.");
    }
    Path temporary = work.temporaryFolder("restore-" + part.store());
    Path dir;
    try {
      dir = readable(part, work, temporary.resolve("dump"));
    } catch (Throwable e) {
      SetWork.delete(temporary, e);
      throw e;
    }
    return new Prepared() {
      @Override
      public void apply() {
        ProcessResult result =
            run(store.load(), Map.of("dir", dir), "load " + store.name(), null, work);
        if (!result.succeeded()) {
          throw CommandFailure.failed(ErrorCode.RESTORE_FAILED, "load", store, result, work);
        }
      }

      @Override
      public void close() {
        SetWork.delete(temporary, null);
      }
    };
  }

  private static Path readable(BackupPart part, SetWork work, Path decrypted) throws IOException {
    return work.files().readable(part, decrypted, work.progress());
  }

  /**
   * Runs a command, showing the bytes in {@code watched} grow (when there is a folder to watch).
   */
  private ProcessResult run(
      String template, Map<String, Path> folders, String task, Path watched, SetWork work) {
    long estimate = watched == null ? 0 : previousBytes;
    try (Progress bar = work.progress().start(task, estimate, Progress.Unit.BYTES)) {
      ProcessResult result =
          work.runner()
              .run(
                  new ShellCommand(template, folders)
                      .spec(task, deadline)
                      .withDatabase(work.database())
                      .every(POLL, () -> bar.update(watched == null ? 0 : Folders.size(watched))));
      if (watched != null && result.succeeded()) {
        long size = Folders.size(watched);
        bar.total(size);
        bar.update(size);
      }
      return result;
    }
  }
}
