package dev.lockstep.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A folder on a tiny file system of its own (a tmpfs, mountable when the tests run as root), so
 * that a dump fills it up for real. Where it cannot be mounted, the dump command stands in: it
 * writes part of its file, then fails as a full disk does.
 */
final class SmallDisk implements AutoCloseable {
  private static final long BIG = 64L * 1024 * 1024;

  private final Path dir;
  private final int megabytes;
  private final boolean mounted;

  private SmallDisk(Path dir, int megabytes, boolean mounted) {
    this.dir = dir;
    this.megabytes = megabytes;
    this.mounted = mounted;
  }

  static SmallDisk mount(Path dir, int megabytes) {
    boolean mounted =
        run(
            "mount",
            "-t",
            "tmpfs",
            "-o",
            "size=" + megabytes + "m,mode=0700",
            "tmpfs",
            dir.toString());
    return new SmallDisk(dir, megabytes, mounted);
  }

  /** A store dump command that needs more room than the disk has. */
  String bigDumpCommand() {
    return mounted
        ? "head -c " + BIG + " /dev/urandom > {dir}/bulk.bin"
        : "head -c 1048576 /dev/urandom > {dir}/bulk.bin"
            + " && echo 'head: error writing {dir}/bulk.bin: No space left on device' >&2 && exit 1";
  }

  @Override
  public void close() {
    if (mounted && !run("umount", dir.toString())) {
      run("umount", "-l", dir.toString());
    }
  }

  @Override
  public String toString() {
    return mounted
        ? "a " + megabytes + " MB tmpfs"
        : "a dump command that fails midway, as no tmpfs can be mounted here";
  }

  private static boolean run(String... argv) {
    try {
      Process process = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
