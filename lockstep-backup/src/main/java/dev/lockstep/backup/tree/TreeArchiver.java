package dev.lockstep.backup.tree;

import dev.lockstep.backup.io.HashingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a folder as a tar archive (POSIX format: long names, big files and any characters) and its
 * {@link TreeIndex} in one pass: every file is read once, into the archive and its sha256 at the
 * same time.
 */
public final class TreeArchiver {
  private static final int BUFFER = 1 << 16;

  private final LongConsumer progress;
  private long bytesRead;

  /**
   * @param progress told the bytes of file content archived so far
   */
  public TreeArchiver(LongConsumer progress) {
    this.progress = progress;
  }

  /**
   * Archives {@code root} into {@code archive} and lists it into {@code index}; closes neither.
   *
   * @throws IOException also when a file shrinks while it is read, naming it
   */
  public void archive(Path root, OutputStream archive, TreeIndex.Writer index) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(archive, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    TreeWalker.walk(root, found -> index.write(add(tar, found)));
    // finish() writes the end-of-archive blocks; closing would close the caller's stream.
    tar.finish();
    tar.flush();
  }

  private TreeEntry add(TarArchiveOutputStream tar, TreeWalker.Found found) throws IOException {
    String name = found.path().equals(TreeEntry.ROOT) ? "./" : found.path();
    TarArchiveEntry entry =
        switch (found.type()) {
          case DIR -> new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
          case FILE -> new TarArchiveEntry(name);
          case SYMLINK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        };
    entry.setMode(found.mode());
    entry.setModTime(found.modified());
    entry.setIds(found.uid(), found.gid());
    String target = null;
    if (found.type() == TreeEntry.Type.SYMLINK) {
      target = Files.readSymbolicLink(found.file()).toString();
      entry.setLinkName(target);
    }
    String sha256 = null;
    if (found.type() == TreeEntry.Type.FILE) {
      entry.setSize(found.size());
    }
    tar.putArchiveEntry(entry);
    if (found.type() == TreeEntry.Type.FILE) {
      sha256 = copy(found, tar);
    }
    tar.closeArchiveEntry();
    return new TreeEntry(
        found.path(), found.type(), TreeEntry.mode(found.mode()), found.size(), sha256, target);
  }

  /**
   * Copies exactly the size the header announced: bytes appended meanwhile are left out (the
   * archive holds the file as it was when listed), a file that shrank is an error.
   */
  private String copy(TreeWalker.Found found, OutputStream tar) throws IOException {
    HashingOutputStream hashed = new HashingOutputStream(tar);
    byte[] buffer = new byte[BUFFER];
    long left = found.size();
    try (InputStream in = Files.newInputStream(found.file())) {
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException(
              found.file()
                  + " shrank from "
                  + found.size()
                  + " to "
                  + (found.size() - left)
                  + " bytes while it was archived; stop what writes to it and back up again");
        }
        hashed.write(buffer, 0, n);
        left -= n;
        bytesRead += n;
        progress.accept(bytesRead);
      }
    }
    return hashed.sha256();
  }
}
