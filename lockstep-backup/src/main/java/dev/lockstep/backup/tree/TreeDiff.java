package dev.lockstep.backup.tree;

import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What differs between a folder and the index it should match: missing, extra and changed entries,
 * one sentence each, naming the path. The walk and the index are merged in their common order, so
 * memory does not grow with the number of files.
 */
public final class TreeDiff {
  /**
   * Past this many, differences are counted, not listed: one line per file of a lost tree helps no
   * one.
   */
  static final int LISTED = 50;

  private final LongConsumer progress;
  private final List<String> differences = new ArrayList<>();
  private long unlisted;
  private long bytesHashed;

  /**
   * @param progress told the bytes of file content hashed so far
   */
  public TreeDiff(LongConsumer progress) {
    this.progress = progress;
  }

  /** The differences between {@code folder} and {@code expected}; empty when they match. */
  public List<String> compare(Path folder, TreeIndex.Reader expected) throws IOException {
    TreeWalker.walk(
        folder,
        found -> {
          while (expected.peek() != null
              && TreeEntry.compare(expected.peek().path(), found.path()) < 0) {
            add(expected.next().path() + ": missing");
          }
          TreeEntry entry = expected.peek();
          if (entry != null && entry.path().equals(found.path())) {
            expected.next();
            check(entry, found);
          } else {
            add(found.path() + ": not in the backup");
          }
        });
    for (TreeEntry entry = expected.next(); entry != null; entry = expected.next()) {
      add(entry.path() + ": missing");
    }
    List<String> result = new ArrayList<>(differences);
    if (unlisted > 0) {
      result.add("… and " + unlisted + " more differences");
    }
    return result;
  }

  private void check(TreeEntry entry, TreeWalker.Found found) throws IOException {
    if (entry.type() != found.type()) {
      add(
          entry.path()
              + ": is a "
              + name(found.type())
              + ", the backup has a "
              + name(entry.type()));
      return;
    }
    switch (entry.type()) {
      case FILE -> {
        long before = bytesHashed;
        String sha256 = Sha256.of(found.file(), read -> progress.accept(before + read));
        bytesHashed += found.size();
        if (!sha256.equals(entry.sha256()) || found.size() != entry.size()) {
          add(
              entry.path()
                  + ": changed ("
                  + found.size()
                  + " bytes, sha256 "
                  + sha256
                  + "; the backup has "
                  + entry.size()
                  + " bytes, sha256 "
                  + entry.sha256()
                  + ")");
        }
      }
      case SYMLINK -> {
        String target = Files.readSymbolicLink(found.file()).toString();
        if (!target.equals(entry.target())) {
          add(entry.path() + ": links to " + target + ", the backup to " + entry.target());
        }
      }
      case DIR -> {
        // A folder has nothing to compare but its mode, below.
      }
    }
    if (entry.type() != TreeEntry.Type.SYMLINK && found.mode() != entry.modeBits()) {
      add(
          entry.path()
              + ": mode "
              + TreeEntry.mode(found.mode())
              + ", the backup has "
              + entry.mode());
    }
  }

  private static String name(TreeEntry.Type type) {
    return switch (type) {
      case DIR -> "folder";
      case FILE -> "file";
      case SYMLINK -> "symbolic link";
    };
  }

  private void add(String difference) {
    if (differences.size() < LISTED) {
      differences.add(difference);
    } else {
      unlisted++;
    }
  }
}
